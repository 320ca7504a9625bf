package dev.lambdaloom.emulator.trace;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The last invocations an emulator ran, oldest first, for {@code serve}'s invocation listing and
 * {@code lambdaloom trace}. Bounded: beyond {@link #capacity()} entries the oldest is dropped, so a long-running
 * {@code serve} holds at most that many (an entry is a few hundred bytes: the default bound keeps it to tens of MB).
 * It also holds the emulator's clock, the one every entry's instants are read from.
 *
 * <p>Thread-safe: {@code lock} guards {@code entries}, {@code recorded}; nothing else is done while it is held.
 */
public final class InvocationLedger {
  /** The default bound: enough for a benchmark of 10,000 calls of each kind with their chain, several times. */
  public static final int DEFAULT_CAPACITY = 100_000;

  private final int capacity;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<LedgerEntry> entries = new ArrayDeque<>();
  private long recorded;

  public InvocationLedger(int capacity, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a ledger holds at least one invocation, not " + capacity);
    }
    this.capacity = capacity;
    this.clock = clock;
  }

  public static InvocationLedger withDefaultCapacity() {
    return new InvocationLedger(DEFAULT_CAPACITY, Clock.systemUTC());
  }

  /** The emulator's clock, to the microsecond where the system gives it. */
  public Instant now() {
    return clock.instant();
  }

  public int capacity() {
    return capacity;
  }

  /** Adds an entry (its sequence is replaced by the ledger's next number); drops the oldest beyond the bound. */
  public void record(LedgerEntry entry) {
    lock.lock();
    try {
      entries.addLast(entry.numbered(++recorded));
      if (entries.size() > capacity) {
        entries.removeFirst();
      }
    } finally {
      lock.unlock();
    }
  }

  /** What the ledger holds now, oldest first, and how many were recorded in all. */
  public record Snapshot(List<LedgerEntry> entries, long recorded, int capacity) {
    public Snapshot {
      entries = List.copyOf(entries);
    }

    /** Entries recorded and no longer held. */
    public long dropped() {
      return recorded - entries.size();
    }
  }

  public Snapshot snapshot() {
    lock.lock();
    try {
      return new Snapshot(List.copyOf(entries), recorded, capacity);
    } finally {
      lock.unlock();
    }
  }
}
