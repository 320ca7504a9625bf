package dev.lambdaloom.emulator.stepfunctions;

import java.time.Duration;

/**
 * One entry of a state's Retry: which errors, how often and how far apart. The n-th retry (from 0) waits
 * {@code IntervalSeconds * BackoffRate^n}, at most {@code MaxDelaySeconds} when given.
 *
 * @param maxDelaySeconds 0 when not given
 */
record Retrier(ErrorNames errors, int intervalSeconds, int maxAttempts, double backoffRate, int maxDelaySeconds) {
  static final int DEFAULT_INTERVAL_SECONDS = 1;
  static final int DEFAULT_MAX_ATTEMPTS = 3;
  static final double DEFAULT_BACKOFF_RATE = 2.0;

  Duration delayBefore(int retry) {
    double seconds = intervalSeconds * Math.pow(backoffRate, retry);
    if (maxDelaySeconds > 0) {
      seconds = Math.min(seconds, maxDelaySeconds);
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
