package dev.lambdaloom.readingformat;

/**
 * The largest document {@link ReadingParser} accepts; larger ones are rejected as
 * {@link RejectReason#TOO_LARGE} without reading further, so one bad response cannot exhaust memory.
 *
 * @param maxValues the most elements {@code values} may have
 * @param maxBytes the most bytes the document may have
 */
public record ReadingLimits(int maxValues, int maxBytes) {
  /** Twice the largest documents the API is known to serve (100,000 values, about 1 MB). */
  public static final ReadingLimits DEFAULT = new ReadingLimits(200_000, 8 * 1024 * 1024);

  public ReadingLimits {
    if (maxValues < 1) throw new IllegalArgumentException("maxValues < 1: " + maxValues);
    if (maxBytes < 1) throw new IllegalArgumentException("maxBytes < 1: " + maxBytes);
  }
}
