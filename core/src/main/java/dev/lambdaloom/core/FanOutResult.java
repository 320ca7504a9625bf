package dev.lambdaloom.core;

import dev.lambdaloom.core.TaskResult.Failure;
import dev.lambdaloom.core.TaskResult.Success;
import java.util.Iterator;
import java.util.List;

/**
 * Everything a {@link FanOut#run} produced. Lists are in completion order and unmodifiable. {@code notStarted} is the
 * caller's input iterator, positioned at the first input that was never dispatched (empty when all were): it is not
 * materialised, so a huge input range costs nothing; read it once.
 */
public record FanOutResult<I, R>(
    List<Success<I, R>> successes,
    List<Failure<I, R>> failures,
    List<I> cancelled,
    Iterator<I> notStarted,
    StopReason stopReason) {

  /** Inputs that were dispatched to a task. */
  public int started() {
    return successes.size() + failures.size() + cancelled.size();
  }
}
