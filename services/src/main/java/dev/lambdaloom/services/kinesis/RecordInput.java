package dev.lambdaloom.services.kinesis;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One record a writer puts, checked: a partition key of 1 to 256 characters, data of at most 1 MiB (with the key),
 * the hash key that picks its shard.
 */
record RecordInput(String partitionKey, byte[] data, BigInteger hashKey) {
  static final int MAX_RECORD_BYTES = 1 << 20;
  private static final Pattern SEQUENCE_NUMBER = Pattern.compile("0|[1-9]\\d{0,128}");

  static RecordInput read(RequestFields fields) throws KinesisFailure {
    byte[] data = fields.requiredBlob("Data", MAX_RECORD_BYTES);
    String partitionKey = fields.requiredString("PartitionKey", 1, 256, null);
    Optional<String> explicit = fields.optionalString("ExplicitHashKey", 1, 39, null);
    // Kinesis orders a shard's records by arrival anyway; a shard here appends one record at a time, so the hint
    // is checked and has nothing left to do.
    fields.optionalString("SequenceNumberForOrdering", 1, 129, SEQUENCE_NUMBER);
    if (StoredRecord.size(data, partitionKey) > MAX_RECORD_BYTES) {
      throw new KinesisFailure(KinesisError.INVALID_ARGUMENT, "Record size (data " + data.length
          + " bytes and partition key) exceeds the limit of " + MAX_RECORD_BYTES + " bytes");
    }
    BigInteger hashKey = explicit.isPresent() ? HashKeys.explicit(explicit.get()) : HashKeys.ofPartitionKey(partitionKey);
    return new RecordInput(partitionKey, data, hashKey);
  }

  long size() {
    return StoredRecord.size(data, partitionKey);
  }
}
