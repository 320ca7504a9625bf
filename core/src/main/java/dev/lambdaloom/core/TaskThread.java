package dev.lambdaloom.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A task's virtual thread plus a race-free answer to "did it end on its own, or after we cancelled it?". The task
 * calls {@link #end()} as it finishes; the coordinator calls {@link #cancel()}. Whichever comes first wins. A thread
 * that runs one task after another (a fan-out's worker) calls {@link #nextTask()} before each further one; once
 * cancelled, it gets no further task.
 */
final class TaskThread {
  private static final int RUNNING = 0;
  private static final int ENDED = 1;
  private static final int CANCELLED = 2;

  private final AtomicInteger state = new AtomicInteger(RUNNING);
  private Thread thread;

  /** Starts {@code body} on a new thread from {@code threads}; the body receives this handle. */
  static TaskThread start(Thread.Builder threads, Consumer<TaskThread> body) {
    TaskThread task = new TaskThread();
    task.thread = threads.unstarted(() -> body.accept(task));
    task.thread.start();
    return task;
  }

  /** Called by the task as it ends. True if it ended before anyone cancelled it. */
  boolean end() {
    return state.compareAndSet(RUNNING, ENDED);
  }

  /** Interrupts the running task unless it already ended; either way no further task starts. */
  void cancel() {
    while (true) {
      int current = state.get();
      if (current == CANCELLED) return;
      if (state.compareAndSet(current, CANCELLED)) {
        if (current == RUNNING) thread.interrupt();
        return;
      }
    }
  }

  /** Called by the thread before another task: false if it was cancelled meanwhile (and must stop). */
  boolean nextTask() {
    return state.compareAndSet(ENDED, RUNNING);
  }

  Thread thread() {
    return thread;
  }

  /** Waits for the thread to terminate even if interrupted; returns whether an interrupt arrived meanwhile. */
  boolean joinUninterruptibly() {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        return interrupted;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
  }
}
