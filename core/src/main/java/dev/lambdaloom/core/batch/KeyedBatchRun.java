package dev.lambdaloom.core.batch;

import dev.lambdaloom.core.Deadline;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * One {@link KeyedBatch} run. The calling thread starts one virtual thread per key, each only after taking one of
 * {@code keysInFlight} permits (so at most that many keys are in the handler at once), then joins them all. A key's
 * thread applies its records one after the other and returns its permit as it ends. Each record's outcome is written
 * once, by the one thread that decided it, into its own slot.
 */
final class KeyedBatchRun<R> {
  private final KeyGroups<R> batch;
  private final RecordHandler<? super R> handler;
  private final Deadline stopStartingAt;
  private final Semaphore keySlots;
  private final AtomicReferenceArray<RecordOutcome<R>> outcomes;
  private final Thread.Builder threads = Thread.ofVirtual().name("lambdaloom-batch-key-", 0);

  // The calling thread's alone.
  private final List<Thread> keyThreads = new ArrayList<>();

  /** Set when a handler threw an Error or the caller was interrupted: no further record starts, in any key. */
  private volatile boolean halted;

  private final Queue<Error> errors = new ConcurrentLinkedQueue<>();

  KeyedBatchRun(KeyGroups<R> batch, RecordHandler<? super R> handler, int keysInFlight, Deadline stopStartingAt) {
    this.batch = batch;
    this.handler = handler;
    this.stopStartingAt = stopStartingAt;
    this.keySlots = new Semaphore(keysInFlight);
    this.outcomes = new AtomicReferenceArray<>(batch.records().size());
  }

  BatchResult<R> run() throws InterruptedException {
    try {
      for (int[] group : batch.groups()) {
        if (!startWhenSlotFree(group)) notStarted(group, 0);
      }
      for (Thread thread : keyThreads) thread.join();
    } catch (Throwable t) {
      // Caller interrupted (or a thread could not start): no key thread may outlive the call.
      halted = true;
      keyThreads.forEach(Thread::interrupt);
      boolean interrupted = joinUninterruptibly();
      if (interrupted && !(t instanceof InterruptedException)) Thread.currentThread().interrupt();
      throw t;
    }
    Error error = errors.poll();
    if (error != null) {
      // Outcomes are incomplete (the failing record has none): the whole invocation fails instead.
      errors.forEach(error::addSuppressed);
      throw error;
    }
    List<RecordOutcome<R>> inOrder = new ArrayList<>(outcomes.length());
    for (int i = 0; i < outcomes.length(); i++) inOrder.add(outcomes.get(i));
    return new BatchResult<>(inOrder, batch.itemIds());
  }

  /** Starts the key's thread once a permit is free; false if the deadline expired (or the run halted) first. */
  private boolean startWhenSlotFree(int[] group) throws InterruptedException {
    if (halted || !keySlots.tryAcquire(stopStartingAt.remainingNanos(), TimeUnit.NANOSECONDS)) return false;
    if (halted || stopStartingAt.expired()) {
      keySlots.release();
      return false;
    }
    try {
      keyThreads.add(threads.start(() -> applyInOrder(group)));
    } catch (Throwable t) {
      keySlots.release();
      throw t;
    }
    return true;
  }

  /** A key's thread: its records one at a time, in input order; after a failure the rest are skipped. */
  private void applyInOrder(int[] group) {
    try {
      for (int position = 0; position < group.length; position++) {
        if (halted || stopStartingAt.expired()) {
          notStarted(group, position);
          return;
        }
        int index = group[position];
        RecordOutcome<R> outcome = apply(batch.records().get(index));
        if (outcome == null) return; // an Error: the run throws it, no outcome is read
        outcomes.set(index, outcome);
        if (outcome instanceof RecordOutcome.Failed<R>) {
          skipAfterFailure(group, position + 1, batch.itemIds().get(index));
          return;
        }
      }
    } finally {
      keySlots.release();
    }
  }

  /** The record's outcome, or null after recording an Error and halting the run. */
  private RecordOutcome<R> apply(R record) {
    try {
      handler.apply(record);
      return new RecordOutcome.Applied<>(record);
    } catch (Exception e) {
      return new RecordOutcome.Failed<>(record, e);
    } catch (Error e) {
      errors.add(e);
      halted = true;
      return null;
    } catch (Throwable t) { // neither Exception nor Error: a checked Throwable thrown around the compiler
      return new RecordOutcome.Failed<>(record, new UndeclaredThrowableException(t));
    }
  }

  private void skipAfterFailure(int[] group, int from, String failedItemId) {
    setRest(group, from, record -> new RecordOutcome.SkippedAfterFailure<>(record, failedItemId));
  }

  private void notStarted(int[] group, int from) {
    setRest(group, from, RecordOutcome.NotStarted::new);
  }

  /** Gives the key's records from {@code position} on the outcome made from each. */
  private void setRest(int[] group, int position, Function<R, RecordOutcome<R>> outcome) {
    for (int i = position; i < group.length; i++) {
      outcomes.set(group[i], outcome.apply(batch.records().get(group[i])));
    }
  }

  /** Waits for every key thread even if interrupted; returns whether an interrupt arrived meanwhile. */
  private boolean joinUninterruptibly() {
    boolean interrupted = false;
    for (Thread thread : keyThreads) {
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    return interrupted;
  }
}
