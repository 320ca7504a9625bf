package dev.lambdaloom.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs one task per input on virtual threads, at most {@code maxInFlight} at a time, consuming the inputs lazily
 * (the iterator is read by one thread at a time, under a lock: it need not be thread-safe).
 * Immutable: each setter returns a new instance, so a configured fan-out can be shared and reused.
 *
 * <p>Structured: {@code run} and {@code stream} return only after every task thread has ended. Tasks must respond to
 * interruption (blocking I/O, sleeps and locks do); a task that ignores it holds the call up.
 *
 * <p>Two deadlines: at {@link #stopDispatchAt} no new task starts and running ones may finish; at
 * {@link #interruptAt} running tasks are interrupted. A task failure is recorded and the others go on, unless
 * {@link #failFast} is set, in which case the first failure stops dispatching and interrupts the rest. If the calling
 * thread is interrupted, every task is interrupted and awaited, then {@link InterruptedException} is thrown. An
 * exception from the input iterator or the result callback also cancels and awaits every task, then propagates.
 */
public final class FanOut {
  /** The work done for one input. */
  @FunctionalInterface
  public interface Task<I, R> {
    R call(I input) throws Exception;
  }

  private final int maxInFlight;
  private final Deadline stopDispatchAt;
  private final Deadline interruptAt;
  private final boolean failFast;

  private FanOut(int maxInFlight, Deadline stopDispatchAt, Deadline interruptAt, boolean failFast) {
    if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight < 1: " + maxInFlight);
    this.maxInFlight = maxInFlight;
    this.stopDispatchAt = Objects.requireNonNull(stopDispatchAt, "stopDispatchAt");
    this.interruptAt = Objects.requireNonNull(interruptAt, "interruptAt");
    this.failFast = failFast;
  }

  /** A fan-out with at most {@code maxInFlight} tasks running, no deadlines, and failures collected. */
  public static FanOut maxInFlight(int maxInFlight) {
    return new FanOut(maxInFlight, Deadline.none(), Deadline.none(), false);
  }

  /** No task starts after {@code deadline}; running tasks may still finish. */
  public FanOut stopDispatchAt(Deadline deadline) {
    return new FanOut(maxInFlight, deadline, interruptAt, failFast);
  }

  /** Running tasks are interrupted at {@code deadline}; dispatching stops then too, if not earlier. */
  public FanOut interruptAt(Deadline deadline) {
    return new FanOut(maxInFlight, stopDispatchAt, deadline, failFast);
  }

  /** When true, the first failure stops dispatching and interrupts the running tasks. */
  public FanOut failFast(boolean failFast) {
    return new FanOut(maxInFlight, stopDispatchAt, interruptAt, failFast);
  }

  public int maxInFlight() {
    return maxInFlight;
  }

  public Deadline stopDispatchAt() {
    return stopDispatchAt;
  }

  public Deadline interruptAt() {
    return interruptAt;
  }

  public boolean failFast() {
    return failFast;
  }

  /** Runs {@code task} for every input and collects every result. */
  public <I, R> FanOutResult<I, R> run(Iterable<? extends I> inputs, Task<? super I, ? extends R> task)
      throws InterruptedException {
    return run(inputs.iterator(), task);
  }

  /** Like {@link #run(Iterable, Task)}, for an iterator (such as a previous run's {@code notStarted}). */
  public <I, R> FanOutResult<I, R> run(Iterator<? extends I> inputs, Task<? super I, ? extends R> task)
      throws InterruptedException {
    List<TaskResult.Success<I, R>> successes = new ArrayList<>();
    List<TaskResult.Failure<I, R>> failures = new ArrayList<>();
    List<I> cancelled = new ArrayList<>();
    FanOutSummary<I> summary = stream(inputs, task, (TaskResult<I, R> result) -> {
      switch (result) {
        case TaskResult.Success<I, R> s -> successes.add(s);
        case TaskResult.Failure<I, R> f -> failures.add(f);
        case TaskResult.Cancelled<I, R> c -> cancelled.add(c.input());
      }
    });
    return new FanOutResult<>(
        Collections.unmodifiableList(successes),
        Collections.unmodifiableList(failures),
        Collections.unmodifiableList(cancelled),
        summary.notStarted(),
        summary.stopReason());
  }

  /**
   * Runs {@code task} for every input and hands each result to {@code onResult} instead of keeping it, so memory
   * stays bounded however many inputs there are. {@code onResult} is called on the calling thread, one result at a
   * time, so it need not be thread-safe. Tasks go on while it runs (a task's thread takes the next input as soon as
   * it ends); once a quarter of {@code maxInFlight} results (at least one) wait for it, they wait too: a slow
   * callback slows the fan-out down instead of piling results up.
   */
  public <I, R> FanOutSummary<I> stream(
      Iterable<? extends I> inputs, Task<? super I, ? extends R> task, Consumer<? super TaskResult<I, R>> onResult)
      throws InterruptedException {
    return stream(inputs.iterator(), task, onResult);
  }

  /** Like {@link #stream(Iterable, Task, Consumer)}, for an iterator. */
  public <I, R> FanOutSummary<I> stream(
      Iterator<? extends I> inputs, Task<? super I, ? extends R> task, Consumer<? super TaskResult<I, R>> onResult)
      throws InterruptedException {
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(onResult, "onResult");
    return new FanOutRun<I, R>(this, inputs, task, onResult).run();
  }
}
