package dev.lambdaloom.functions.scavenger;

/**
 * What a DynamoDB request that failed for the last time (its retries over) means for the invocation. Only the first
 * two end an invocation with a resume point; the third fails it, so that a loop "until done" stops instead of
 * invoking the function again and again with the same resume.
 */
enum Setback {
  /** DynamoDB kept asking to slow down: the work left is read again from the resume point, later. */
  THROTTLED,
  /** A transient failure (a 5xx, a broken connection) whose retries the deadline cut short: a stop at the deadline. */
  OUT_OF_TIME,
  /**
   * Trying again will not help: a missing table, access denied, a validation error, another 4xx, or a transient
   * failure that outlasted every attempt. The invocation fails with it as the cause.
   */
  PERMANENT;

  /** @param attemptsLeft whether the retry policy would have allowed another attempt (then the deadline stopped it) */
  static Setback of(Throwable failure, boolean attemptsLeft) {
    if (Retryable.isThrottle(failure)) return THROTTLED;
    if (Retryable.isRetryable(failure) && attemptsLeft) return OUT_OF_TIME;
    return PERMANENT;
  }
}
