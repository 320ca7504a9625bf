package dev.lambdaloom.functions.s3probe;

/** How the probe reads the objects it listed. */
public enum Mode {
  /** One object after the other on the invoking thread: the baseline every concurrent figure is divided by. */
  SEQUENTIAL("sequential"),
  /** Up to {@code concurrency} objects at a time, with the chosen {@link ClientKind}. */
  CONCURRENT("concurrent");

  private final String label;

  Mode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
