package dev.lambdaloom.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One {@link FanOut} run: up to {@code maxInFlight} worker threads, each taking the next input as soon as its task
 * ends (no round trip through a coordinator between two tasks), and the calling thread, which hands every result to
 * the callback and watches the interrupt deadline. Inputs are pulled under one lock, so the iterator sees one thread
 * at a time; the callback only ever runs on the calling thread.
 */
final class FanOutRun<I, R> {
  /** What a worker posts: a task's result, or that it is done. */
  private sealed interface Posted<I, R> {}

  private record Result<I, R>(TaskResult<I, R> result) implements Posted<I, R> {}

  private record WorkerDone<I, R>(TaskThread worker) implements Posted<I, R> {}

  private final int maxInFlight;
  private final Deadline stopDispatchAt;
  private final Deadline interruptAt;
  private final boolean failFast;
  private final Iterator<? extends I> inputs;
  private final FanOut.Task<? super I, ? extends R> task;
  private final Consumer<? super TaskResult<I, R>> onResult;

  /**
   * Bounded: room for the callback's scheduling delays (a quarter of the tasks' results, at least one), not for a
   * slow callback, which the workers then wait for instead of piling results up in memory.
   */
  private final BlockingQueue<Posted<I, R>> posted;
  private final Thread.Builder threads = Thread.ofVirtual().name("lambdaloom-fanout-", 0);

  private final Object lock = new Object();
  // Guarded by lock.
  private final List<TaskThread> workers = new ArrayList<>();
  private boolean dispatching = true;
  private StopReason stopReason = StopReason.COMPLETED;
  private RuntimeException inputFailure;

  // The calling thread's alone.
  private int workersRunning;
  private boolean interrupting;
  private long succeeded;
  private long failed;
  private long cancelled;

  FanOutRun(
      FanOut options,
      Iterator<? extends I> inputs,
      FanOut.Task<? super I, ? extends R> task,
      Consumer<? super TaskResult<I, R>> onResult) {
    this.maxInFlight = options.maxInFlight();
    // Interrupting running tasks while still starting new ones makes no sense.
    this.stopDispatchAt = options.stopDispatchAt().earlier(options.interruptAt());
    this.interruptAt = options.interruptAt();
    this.failFast = options.failFast();
    this.inputs = inputs;
    this.task = task;
    this.onResult = onResult;
    this.posted = new LinkedBlockingQueue<>(Math.max(1, maxInFlight / 4));
  }

  FanOutSummary<I> run() throws InterruptedException {
    try {
      startWorkers();
      collect();
    } catch (Throwable t) {
      // Caller interrupted, or the callback threw: no task may outlive the call.
      boolean interrupted = abandon();
      if (interrupted && !(t instanceof InterruptedException)) Thread.currentThread().interrupt();
      throw t;
    }
    for (TaskThread worker : workers) worker.thread().join(); // each posted its end as its last act: at once
    synchronized (lock) {
      if (inputFailure != null) throw inputFailure;
      @SuppressWarnings("unchecked") // read-only: an Iterator<? extends I> only ever hands out Is
      Iterator<I> notStarted = (Iterator<I>) inputs;
      return new FanOutSummary<>(succeeded, failed, cancelled, notStarted, stopReason);
    }
  }

  /** One worker per input up to the bound, each started with its first input. */
  private void startWorkers() {
    synchronized (lock) {
      while (workers.size() < maxInFlight) {
        Holder<I> first = nextInput();
        if (first == null) return;
        TaskThread worker = TaskThread.start(threads, self -> work(self, first.input()));
        workers.add(worker);
        workersRunning++;
      }
    }
  }

  /** A taken input (inputs may be null). */
  private record Holder<I>(I input) {}

  /** Under the lock: the next input to start, or null when dispatch is over (and why is recorded). */
  private Holder<I> nextInput() {
    if (!dispatching) return null;
    if (stopDispatchAt.expired()) {
      stop(StopReason.DEADLINE);
      return null;
    }
    try {
      if (!inputs.hasNext()) {
        dispatching = false;
        return null;
      }
      return new Holder<>(inputs.next());
    } catch (RuntimeException e) {
      inputFailure = e;
      stop(StopReason.FAILURE);
      cancelRunning();
      return null;
    }
  }

  private void work(TaskThread self, I first) {
    I input = first;
    while (true) {
      TaskResult<I, R> result;
      try {
        R value = task.call(input);
        self.end();
        result = new TaskResult.Success<>(input, value);
      } catch (Throwable t) {
        result = self.end() ? new TaskResult.Failure<>(input, t) : new TaskResult.Cancelled<>(input);
      }
      Holder<I> next;
      synchronized (lock) {
        if (failFast && result instanceof TaskResult.Failure<I, R>) {
          stop(StopReason.FAILURE); // before this worker or any other takes another input
          cancelRunning();
        }
        next = null;
        if (self.nextTask()) {
          Thread.interrupted(); // not cancelled, so any interrupt is the last task's leftover: the next starts clean
          next = nextInput();
          if (next == null) self.end();
        }
      }
      post(new Result<>(result));
      if (next == null) break;
      input = next.input();
    }
    post(new WorkerDone<>(self));
  }

  /** Waits for room even if interrupted (a cancelled worker still hands in its result); keeps the interrupt. */
  private void post(Posted<I, R> item) {
    boolean interrupted = false;
    while (true) {
      try {
        posted.put(item);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  /** Hands results to the callback until every worker is done; interrupts running tasks at the deadline. */
  private void collect() throws InterruptedException {
    while (workersRunning > 0) {
      Posted<I, R> next;
      if (interrupting) {
        next = posted.take();
      } else {
        next = posted.poll(interruptAt.remainingNanos(), TimeUnit.NANOSECONDS);
        if (next == null) {
          synchronized (lock) {
            stop(StopReason.DEADLINE);
            cancelRunning();
          }
          interrupting = true;
          continue;
        }
      }
      switch (next) {
        case WorkerDone<I, R> done -> workersRunning--;
        case Result<I, R>(TaskResult<I, R> result) -> {
          switch (result) {
            case TaskResult.Success<I, R> s -> succeeded++;
            case TaskResult.Failure<I, R> f -> failed++;
            case TaskResult.Cancelled<I, R> c -> cancelled++;
          }
          onResult.accept(result);
        }
      }
    }
  }

  /** Cancels every task and waits for every worker, taking (and dropping) what they post meanwhile. */
  private boolean abandon() {
    synchronized (lock) {
      stop(StopReason.FAILURE);
      cancelRunning();
    }
    boolean interrupted = false;
    while (workersRunning > 0) {
      try {
        if (posted.take() instanceof WorkerDone<I, R>) workersRunning--;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    for (TaskThread worker : workers) interrupted |= worker.joinUninterruptibly();
    return interrupted;
  }

  /** Under the lock. */
  private void stop(StopReason reason) {
    dispatching = false;
    if (stopReason == StopReason.COMPLETED) stopReason = reason;
  }

  /** Under the lock. */
  private void cancelRunning() {
    workers.forEach(TaskThread::cancel);
  }
}
