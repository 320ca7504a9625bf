package dev.lambdaloom.core;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One {@link FanOut} run. The calling thread is the only coordinator: it pulls inputs, starts tasks, and takes their
 * results from a queue, so the iterator and the result callback never see two threads.
 */
final class FanOutRun<I, R> {
  private record Ended<I, R>(TaskThread task, TaskResult<I, R> result) {}

  private final int maxInFlight;
  private final Deadline stopDispatchAt;
  private final Deadline interruptAt;
  private final boolean failFast;
  private final Iterator<? extends I> inputs;
  private final FanOut.Task<? super I, ? extends R> task;
  private final Consumer<? super TaskResult<I, R>> onResult;

  private final BlockingQueue<Ended<I, R>> ended = new LinkedBlockingQueue<>();
  private final Map<TaskThread, I> running = new HashMap<>();
  private final Thread.Builder threads = Thread.ofVirtual().name("lambdaloom-fanout-", 0);

  private boolean dispatching = true;
  private boolean interrupting = false;
  private StopReason stopReason = StopReason.COMPLETED;
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
  }

  FanOutSummary<I> run() throws InterruptedException {
    try {
      coordinate();
    } catch (Throwable t) {
      // Caller interrupted, or the iterator or callback threw: no task may outlive the call.
      running.keySet().forEach(TaskThread::cancel);
      boolean interrupted = false;
      for (TaskThread r : running.keySet()) interrupted |= r.joinUninterruptibly();
      if (interrupted && !(t instanceof InterruptedException)) Thread.currentThread().interrupt();
      throw t;
    }
    @SuppressWarnings("unchecked") // read-only: an Iterator<? extends I> only ever hands out Is
    Iterator<I> notStarted = (Iterator<I>) inputs;
    return new FanOutSummary<>(succeeded, failed, cancelled, notStarted, stopReason);
  }

  private void coordinate() throws InterruptedException {
    Ended<I, R> next = null;
    while (true) {
      // One result at a time with a refill in between: while the callback works through a backlog of results,
      // the freed slots are already busy again.
      if (next != null) handle(next);
      if (dispatching && stopDispatchAt.expired()) {
        stop(StopReason.DEADLINE);
      }
      if (!interrupting && interruptAt.expired() && !running.isEmpty()) {
        stop(StopReason.DEADLINE);
        cancelRunning();
      }
      while (dispatching && running.size() < maxInFlight && !stopDispatchAt.expired()) {
        if (inputs.hasNext()) {
          dispatch(inputs.next());
        } else {
          dispatching = false;
        }
      }
      next = ended.poll();
      if (next != null) continue;
      if (running.isEmpty()) {
        if (!dispatching) return;
        continue; // the stop-dispatch deadline just passed: the loop's top records it
      }

      long waitNanos =
          dispatching ? stopDispatchAt.remainingNanos()
              : !interrupting ? interruptAt.remainingNanos()
              : Long.MAX_VALUE;
      next = ended.poll(waitNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void dispatch(I input) {
    TaskThread started = TaskThread.start(threads, self -> {
      TaskResult<I, R> result;
      try {
        R value = task.call(input);
        self.end();
        result = new TaskResult.Success<>(input, value);
      } catch (Throwable t) {
        result = self.end() ? new TaskResult.Failure<>(input, t) : new TaskResult.Cancelled<>(input);
      }
      ended.add(new Ended<>(self, result));
    });
    running.put(started, input);
  }

  private void handle(Ended<I, R> e) throws InterruptedException {
    e.task().thread().join(); // it posted its result as its last act: this returns at once
    running.remove(e.task());
    switch (e.result()) {
      case TaskResult.Success<I, R> s -> succeeded++;
      case TaskResult.Failure<I, R> f -> {
        failed++;
        if (failFast) {
          stop(StopReason.FAILURE);
          cancelRunning();
        }
      }
      case TaskResult.Cancelled<I, R> c -> cancelled++;
    }
    onResult.accept(e.result());
  }

  private void stop(StopReason reason) {
    dispatching = false;
    if (stopReason == StopReason.COMPLETED) stopReason = reason;
  }

  private void cancelRunning() {
    interrupting = true;
    running.keySet().forEach(TaskThread::cancel);
  }
}
