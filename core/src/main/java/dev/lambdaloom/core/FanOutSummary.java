package dev.lambdaloom.core;

import java.util.Iterator;

/**
 * Counts from a streaming {@link FanOut} run. {@code notStarted} is the caller's input iterator, positioned at the
 * first input that was never dispatched: read it to build a resume token, or hand it to the next run. It is empty when
 * every input was dispatched.
 */
public record FanOutSummary<I>(
    long succeeded, long failed, long cancelled, Iterator<I> notStarted, StopReason stopReason) {

  /** Inputs that were dispatched to a task. */
  public long started() {
    return succeeded + failed + cancelled;
  }
}
