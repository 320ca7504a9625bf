package dev.lambdaloom.core;

/**
 * The value an attempt returned and how many attempts it took. When attempts or time ran out on a result the
 * classifier wanted retried, {@code value} is that last result.
 */
public record RetryOutcome<T>(T value, int attempts) {
  /** Attempts after the first. */
  public int retries() {
    return attempts - 1;
  }
}
