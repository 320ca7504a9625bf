package dev.lambdaloom.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records durations from any number of threads and summarizes them as percentiles. Recording is
 * wait-free (an HdrHistogram {@link Recorder}), so it does not disturb what it measures. Values are
 * nanoseconds from 1 ns to 1 hour with 3 significant digits; longer ones count as 1 hour.
 */
public final class LatencyRecorder {

  static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.HOURS.toNanos(1);
  private static final int SIGNIFICANT_DIGITS = 3;

  private final Recorder recorder = new Recorder(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
  // What earlier summaries drained from the recorder: a summary covers everything recorded so far.
  private final Histogram total = newHistogram();
  private Histogram interval;

  /** Records one duration in nanoseconds, e.g. the difference of two {@link System#nanoTime()}. */
  public void record(long nanos) {
    recorder.recordValue(trackable(nanos));
  }

  public void record(Duration duration) {
    record(duration.toNanos());
  }

  /** Everything recorded so far; recording may go on while and after this runs. */
  public synchronized LatencySummary summary() {
    interval = recorder.getIntervalHistogram(interval);
    total.add(interval);
    return LatencySummary.of(total);
  }

  static Histogram newHistogram() {
    return new Histogram(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
  }

  static long trackable(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("A duration cannot be negative: " + nanos + " ns");
    }
    return Math.min(nanos, HIGHEST_TRACKABLE_NANOS);
  }
}
