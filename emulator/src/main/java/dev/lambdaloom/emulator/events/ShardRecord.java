package dev.lambdaloom.emulator.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One record read from a shard, already in the shape Lambda delivers it in a batch's {@code Records}.
 *
 * @param sequenceNumber its sequence number in the shard (what a partial batch response names)
 * @param partitionKey what orders it: records of one key are delivered in order (Kinesis: the partition key;
 *     DynamoDB: the item's key)
 * @param arrival when the source received it (ApproximateArrivalTimestamp / ApproximateCreationDateTime)
 * @param json the record as the function sees it
 * @param sizeBytes the size of {@code json} written out, counted against the 6 MB payload limit
 */
public record ShardRecord(String sequenceNumber, String partitionKey, Instant arrival, ObjectNode json,
    int sizeBytes) {
  public ShardRecord {
    Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(arrival, "arrival");
    Objects.requireNonNull(json, "json");
  }

  /** Builds one whose size is that of its JSON. */
  public static ShardRecord of(String sequenceNumber, String partitionKey, Instant arrival, ObjectNode json) {
    return new ShardRecord(sequenceNumber, partitionKey, arrival, json, Json.bytes(json).length);
  }
}
