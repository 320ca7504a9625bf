package dev.lambdaloom.emulator.events;

import java.util.Arrays;

/** The event sources the emulator maps to functions, by their SAM {@code Events} type. */
public enum SourceKind {
  DYNAMODB("DynamoDB", "aws:dynamodb"),
  KINESIS("Kinesis", "aws:kinesis"),
  SQS("SQS", "aws:sqs"),
  SNS("SNS", "aws:sns");

  private final String samType;
  private final String eventSource;

  SourceKind(String samType, String eventSource) {
    this.samType = samType;
    this.eventSource = eventSource;
  }

  /** The {@code Type} of an event in a function's {@code Events}. */
  public String samType() {
    return samType;
  }

  /** The {@code eventSource} field of the records Lambda delivers. */
  public String eventSource() {
    return eventSource;
  }

  /** Streams are read shard by shard, in order, from a position; queues and topics are not. */
  public boolean isStream() {
    return this == DYNAMODB || this == KINESIS;
  }

  /** The kind a SAM event {@code Type} names, or null when it is not an event source mapping (HttpApi, Schedule...). */
  public static SourceKind ofSamType(String type) {
    return Arrays.stream(values()).filter(k -> k.samType.equals(type)).findFirst().orElse(null);
  }
}
