package dev.lambdaloom.core;

import java.time.Duration;

/**
 * How often and how patiently to retry: {@code maxAttempts} counts the first try; the wait before retry {@code n}
 * (0-based) is drawn uniformly from {@code [0, min(maxDelay, baseDelay * 2^n)]} ("full jitter").
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  /** The AWS SDK's "standard" mode: 3 attempts, 100 ms base, 20 s cap. */
  private static final RetryPolicy DEFAULTS = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(20));

  public RetryPolicy {
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts < 1: " + maxAttempts);
    Deadline.requireNonNegative(baseDelay, "baseDelay");
    Deadline.requireNonNegative(maxDelay, "maxDelay");
  }

  /** 3 attempts, 100 ms base delay, 20 s maximum delay, as the AWS SDK's standard retry mode. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  public RetryPolicy withMaxAttempts(int maxAttempts) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay);
  }

  public RetryPolicy withBaseDelay(Duration baseDelay) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay);
  }

  public RetryPolicy withMaxDelay(Duration maxDelay) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay);
  }

  /** The longest wait before retry {@code retry} (0-based): {@code min(maxDelay, baseDelay * 2^retry)}. */
  public Duration backoffCeiling(int retry) {
    if (retry < 0) throw new IllegalArgumentException("retry < 0: " + retry);
    long base = Deadline.clampedNanos(baseDelay);
    long max = Deadline.clampedNanos(maxDelay);
    // Doubling past the cap would overflow; stop as soon as it cannot grow below it.
    long ceiling = base;
    for (int i = 0; i < retry && ceiling < max; i++) {
      ceiling = ceiling > max / 2 ? max : ceiling * 2;
    }
    return Duration.ofNanos(Math.min(ceiling, max));
  }
}
