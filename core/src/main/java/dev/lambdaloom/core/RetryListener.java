package dev.lambdaloom.core;

import java.time.Duration;

/** Told of every retry, before its wait: for counting retries and logging why. Must be thread-safe if shared. */
@FunctionalInterface
public interface RetryListener {
  /**
   * @param attempt the attempt (1-based) that is about to be retried
   * @param delay how long the retrier now waits
   * @param cause what that attempt threw (a Throwable) or returned
   */
  void onRetry(int attempt, Duration delay, Object cause);
}
