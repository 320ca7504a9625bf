package dev.lambdaloom.services.kinesis;

/**
 * How much KinesisLocal keeps in memory across all its streams, so that writers cannot fill the heap. Kinesis drops
 * records after the retention period; KinesisLocal keeps them until their stream is deleted, and refuses writes past
 * this bound with LimitExceededException instead of dropping records a consumer has not read.
 *
 * @param records records kept at most
 * @param bytes data and partition-key bytes kept at most (the heap holds about 100 bytes more per record)
 */
public record RetentionBound(long records, long bytes) {
  /** 500,000 records and 128 MB: about 180 MB of heap when full. */
  public static final RetentionBound DEFAULT = new RetentionBound(500_000, 128L << 20);

  public RetentionBound {
    if (records < 1 || records > Integer.MAX_VALUE - 8 || bytes < 1) { // a shard keeps its records in one ArrayList
      throw new IllegalArgumentException("a retention bound keeps 1 to 2^31-9 records and at least 1 byte, not " + records
          + " records and " + bytes + " bytes");
    }
  }
}
