package dev.lambdaloom.services.kinesis;

/** What became of one record put into a shard. */
sealed interface Append {
  /** Stored, with the sequence number it was given. */
  record Stored(String shardId, SequenceNumber sequenceNumber) implements Append {}

  /** Not stored: the retention bound is full. */
  record Refused(String shardId, String reason) implements Append {}
}
