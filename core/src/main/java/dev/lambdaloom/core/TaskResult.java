package dev.lambdaloom.core;

/** How one {@link FanOut} task ended, with the input it was given. */
public sealed interface TaskResult<I, R> {
  I input();

  /** The task returned {@code value} (possibly null), even if it had been interrupted. */
  record Success<I, R>(I input, R value) implements TaskResult<I, R> {}

  /** The task threw {@code failure} on its own, before the run cancelled it. */
  record Failure<I, R>(I input, Throwable failure) implements TaskResult<I, R> {}

  /** The run interrupted the task (deadline, fail-fast) and it ended by throwing. */
  record Cancelled<I, R>(I input) implements TaskResult<I, R> {}
}
