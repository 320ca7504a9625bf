package dev.lambdaloom.emulator.events.samples;

/**
 * How many records one sample event carries: at least 1, at most 10,000, the largest batch an SQS event source
 * mapping hands a function (Kinesis and DynamoDB Streams stop at the same number).
 */
public record RecordCount(int value) {
  public static final int MAX = 10_000;

  public RecordCount {
    if (value < 1 || value > MAX) {
      throw new InvalidSampleException("records must be between 1 and " + MAX + ", found " + value);
    }
  }
}
