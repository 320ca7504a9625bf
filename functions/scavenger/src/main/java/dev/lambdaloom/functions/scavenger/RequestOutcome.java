package dev.lambdaloom.functions.scavenger;

/** How a retried DynamoDB request ended, unless it failed for good (then it throws). */
sealed interface RequestOutcome<T> {
  /** The request was answered; with a result classifier, possibly the last answer retries gave up on. */
  record Answered<T>(T value) implements RequestOutcome<T> {}

  /** It kept failing until the retries ended, in a way that a later invocation can take up again. */
  record PutOff<T>(Setback setback, Exception last) implements RequestOutcome<T> {
    public PutOff {
      if (setback == Setback.PERMANENT) throw new IllegalArgumentException("a permanent failure is thrown, not put off");
    }
  }
}
