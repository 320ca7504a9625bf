package dev.lambdaloom.services.kinesis;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One record as a shard keeps it. The data array is never changed after the record is stored, so readers share it.
 *
 * @param sequenceNumber its place in its shard
 * @param partitionKey as written
 * @param data as written
 * @param arrival when the shard accepted it: never earlier than the shard's previous record
 */
record StoredRecord(SequenceNumber sequenceNumber, String partitionKey, byte[] data, Instant arrival) {
  /** What Kinesis counts against its size limits: data and partition key. */
  static long size(byte[] data, String partitionKey) {
    return data.length + (long) partitionKey.getBytes(StandardCharsets.UTF_8).length;
  }

  long size() {
    return size(data, partitionKey);
  }
}
