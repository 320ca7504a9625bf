package dev.lambdaloom.bench.streams;

import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.events.MappingObserver;
import dev.lambdaloom.emulator.events.ShardRecord;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * What one mapping did, as its {@link MappingObserver}: every invocation with its three instants, and every record
 * done with its id, key, sequence number and instant. Lanes call it at once, so it only appends to lock-free queues;
 * the figures are worked out after the run. Records of one key are done by one lane at a time, one batch after
 * another, so the queue holds each key's records in the order they were done.
 */
final class RunObserver implements MappingObserver {
  /** One invocation: how many records, what came back, and when (System.nanoTime()). */
  record Invocation(String shardId, int records, InvokeResult result, long gatheredNanos, long invokedNanos,
      long returnedNanos) {}

  /** One record done. */
  record Done(String id, String key, String sequenceNumber, long doneNanos) {}

  private final Function<ShardRecord, String> idOf;
  private final Queue<Invocation> invocations = new ConcurrentLinkedQueue<>();
  private final Queue<Done> done = new ConcurrentLinkedQueue<>();
  /** Guards {@link #doneCount} for waiters; held only to count and signal, never while calling out. */
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition counted = lock.newCondition();
  private long doneCount;
  private long lastDoneNanos;

  RunObserver(Function<ShardRecord, String> idOf) {
    this.idOf = idOf;
  }

  @Override
  public void invoked(String shardId, int records, InvokeResult result, long gatheredNanos, long invokedNanos,
      long returnedNanos) {
    invocations.add(new Invocation(shardId, records, result, gatheredNanos, invokedNanos, returnedNanos));
  }

  @Override
  public void done(String shardId, List<ShardRecord> records, long doneNanos) {
    for (ShardRecord record : records) {
      done.add(new Done(idOf.apply(record), record.partitionKey(), record.sequenceNumber(), doneNanos));
    }
    lock.lock();
    try {
      doneCount += records.size();
      lastDoneNanos = Math.max(lastDoneNanos, doneNanos);
      counted.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until {@code records} records are done or {@code patience} has passed; true when they are. */
  boolean awaitDone(long records, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    lock.lock();
    try {
      while (doneCount < records) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        counted.await(left, TimeUnit.NANOSECONDS);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  long doneCount() {
    lock.lock();
    try {
      return doneCount;
    } finally {
      lock.unlock();
    }
  }

  /** When the last record so far was done; 0 before any. */
  long lastDoneNanos() {
    lock.lock();
    try {
      return lastDoneNanos;
    } finally {
      lock.unlock();
    }
  }

  /** The invocations so far, in the order they returned. */
  List<Invocation> invocations() {
    return List.copyOf(invocations);
  }

  /** The records done so far, each key's in the order they were done. */
  List<Done> done() {
    return List.copyOf(done);
  }
}
