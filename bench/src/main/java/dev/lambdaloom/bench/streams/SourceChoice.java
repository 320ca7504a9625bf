package dev.lambdaloom.bench.streams;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The stream sources the benchmark can run a mapping on, each on its local server. */
public enum SourceChoice {
  KINESIS("kinesis", 20_000),
  DYNAMODB("dynamodb", 5_000);

  private final String label;
  private final int defaultRecords;

  SourceChoice(String label, int defaultRecords) {
    this.label = label;
    this.defaultRecords = defaultRecords;
  }

  public String label() {
    return label;
  }

  /**
   * Records per throughput run unless told otherwise: DynamoDB Local writes and streams an order of magnitude slower
   * than the in-process Kinesis server, and a run should take seconds, not minutes.
   */
  public int defaultRecords() {
    return defaultRecords;
  }

  public static SourceChoice parse(String label) {
    for (SourceChoice choice : values()) {
      if (choice.label.equals(label.trim())) {
        return choice;
      }
    }
    throw new IllegalArgumentException("unknown source '" + label + "'; "
        + Arrays.stream(values()).map(SourceChoice::label).collect(Collectors.joining(" or ")));
  }
}
