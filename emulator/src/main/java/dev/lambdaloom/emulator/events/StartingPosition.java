package dev.lambdaloom.emulator.events;

/** Where a stream mapping starts reading a shard it has no checkpoint for. */
public enum StartingPosition {
  /** The oldest record the stream still holds. */
  TRIM_HORIZON,
  /** Only records written after the mapping started. */
  LATEST,
  /** The first record written at or after StartingPositionTimestamp (Kinesis only). */
  AT_TIMESTAMP
}
