package dev.lambdaloom.core;

/**
 * Decides whether an attempt should be retried. Classifies a thrown failure ({@code RetryClassifier<Throwable>}) or a
 * returned value, such as an HTTP response with status 503 and a Retry-After header.
 */
@FunctionalInterface
public interface RetryClassifier<T> {
  RetryDecision classify(T outcome);

  /** Never retries: every outcome is final. */
  static <T> RetryClassifier<T> never() {
    return outcome -> RetryDecision.fail();
  }

  /** Retries exceptions but not errors (such as OutOfMemoryError), which retrying does not fix. */
  static RetryClassifier<Throwable> exceptions() {
    return failure -> failure instanceof Exception ? RetryDecision.retry() : RetryDecision.fail();
  }
}
