package dev.lambdaloom.functions.scavenger;

import java.time.Duration;
import java.util.Locale;

/**
 * A running estimate of how long one kind of work takes, the way TCP estimates a round trip to set its retransmission
 * timeout (RFC 6298): a smoothed mean and a smoothed mean deviation, and as "long enough" the mean plus four
 * deviations. It follows a change in a few samples and is not thrown by one outlier. Before the first sample it says
 * {@code prior}. Thread-safe; one per container, so each invocation starts from what the previous ones measured.
 */
final class CostEstimate {
  private final Duration prior;
  private long meanNanos = -1;
  private long deviationNanos;
  private long samples;

  CostEstimate(Duration prior) {
    this.prior = prior;
  }

  synchronized void record(Duration sample) {
    add(sample);
  }

  private void add(Duration sample) {
    long nanos = Math.max(0, sample.toNanos());
    if (meanNanos < 0) {
      meanNanos = nanos;
      deviationNanos = nanos / 2;
    } else {
      deviationNanos = (3 * deviationNanos + Math.abs(meanNanos - nanos)) / 4;
      meanNanos = (7 * meanNanos + nanos) / 8;
    }
    samples++;
  }

  /**
   * A sample known only from below (the work was cut off after {@code atLeast}): taken when it says more than the
   * mean, so that work that never finishes in time still raises the estimate.
   */
  synchronized void recordAtLeast(Duration atLeast) {
    if (meanNanos < 0 || atLeast.toNanos() > meanNanos) add(atLeast);
  }

  /** Long enough for nearly every sample seen: mean + 4 deviations, or the prior before any sample. */
  Duration high() {
    return total(1);
  }

  /**
   * Long enough for {@code count} of this work one after the other: {@code count} means and, as deviations of
   * independent costs add up as the square root of their number, 4 deviations times the square root of {@code count}.
   * Before any sample, {@code count} priors.
   */
  synchronized Duration total(int count) {
    if (meanNanos < 0) return prior.multipliedBy(count);
    return Duration.ofNanos(count * meanNanos + Math.round(4 * deviationNanos * Math.sqrt(count)));
  }

  /** {@link #high()}, but never below the prior: for costs where running short is worse than waiting a little. */
  Duration highAndAtLeastPrior() {
    Duration high = high();
    return high.compareTo(prior) >= 0 ? high : prior;
  }

  synchronized long samples() {
    return samples;
  }

  @Override
  public synchronized String toString() {
    return meanNanos < 0 ? "prior " + millis(prior.toNanos())
        : millis(meanNanos) + " +- " + millis(deviationNanos) + " over " + samples;
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, nanos < 10_000_000 ? "%.3f ms" : "%.0f ms", nanos / 1e6);
  }
}
