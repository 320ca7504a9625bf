package dev.lambdaloom.core;

import java.time.Duration;

/** What a {@link RetryClassifier} says about one attempt's failure or result. */
public sealed interface RetryDecision {
  /** Retry after the policy's jittered backoff. */
  record Retry() implements RetryDecision {}

  /** Retry, but wait at least {@code delay} (a server's Retry-After); give up if that is past the deadline. */
  record RetryAfter(Duration delay) implements RetryDecision {
    public RetryAfter {
      Deadline.requireNonNegative(delay, "delay");
    }
  }

  /** Do not retry: throw the failure, or return the result. */
  record Fail() implements RetryDecision {}

  static RetryDecision retry() {
    return new Retry();
  }

  static RetryDecision retryAfter(Duration delay) {
    return new RetryAfter(delay);
  }

  static RetryDecision fail() {
    return new Fail();
  }
}
