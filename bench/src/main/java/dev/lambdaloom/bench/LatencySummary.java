package dev.lambdaloom.bench;

import org.HdrHistogram.Histogram;

/**
 * The shape of a latency distribution, every figure in milliseconds. Percentiles come from an
 * HdrHistogram with 3 significant digits, so they are exact to within 0.1%.
 *
 * @param count how many durations were recorded
 * @param min the shortest, in ms
 * @param mean the arithmetic mean, in ms
 * @param p50 the median, in ms
 * @param p90 the 90th percentile, in ms
 * @param p99 the 99th percentile, in ms
 * @param p999 the 99.9th percentile, in ms
 * @param max the longest, in ms
 */
public record LatencySummary(long count, double min, double mean, double p50, double p90, double p99,
    double p999, double max) {

  private static final double NANOS_PER_MS = 1_000_000.0;

  /** The summary of a handful of durations in nanoseconds, e.g. in tests or for small samples. */
  public static LatencySummary of(long... nanos) {
    Histogram histogram = LatencyRecorder.newHistogram();
    for (long value : nanos) {
      histogram.recordValue(LatencyRecorder.trackable(value));
    }
    return of(histogram);
  }

  static LatencySummary of(Histogram histogram) {
    if (histogram.getTotalCount() == 0) {
      // Zeros rather than NaN: NaN is not valid JSON and would make tables unreadable.
      return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);
    }
    return new LatencySummary(histogram.getTotalCount(),
        ms(histogram.getMinValue()),
        histogram.getMean() / NANOS_PER_MS,
        ms(histogram.getValueAtPercentile(50)),
        ms(histogram.getValueAtPercentile(90)),
        ms(histogram.getValueAtPercentile(99)),
        ms(histogram.getValueAtPercentile(99.9)),
        ms(histogram.getMaxValue()));
  }

  private static double ms(long nanos) {
    return nanos / NANOS_PER_MS;
  }
}
