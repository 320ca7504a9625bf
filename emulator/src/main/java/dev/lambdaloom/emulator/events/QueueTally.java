package dev.lambdaloom.emulator.events;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What a queue mapping has done so far, counted by its pollers at once: atomics, no lock. */
final class QueueTally {
  static final String NOTHING_YET = "No records processed";
  static final String OK = "OK";
  static final String FUNCTION_FAILED = "PROBLEM: Function call failed";

  private final AtomicLong invocations = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong filteredOut = new AtomicLong();
  private final AtomicReference<String> lastResult = new AtomicReference<>(NOTHING_YET);
  private final AtomicReference<Instant> lastModified = new AtomicReference<>(Instant.now());

  void invoked(int records, boolean retry) {
    invocations.incrementAndGet();
    delivered.addAndGet(records);
    if (retry) {
      retries.incrementAndGet();
    }
  }

  void done(int records) {
    done.addAndGet(records);
  }

  void filteredOut(int records) {
    filteredOut.addAndGet(records);
  }

  void result(String result) {
    lastResult.set(result);
  }

  void modified() {
    lastModified.set(Instant.now());
  }

  String lastResult() {
    return lastResult.get();
  }

  Instant lastModified() {
    return lastModified.get();
  }

  MappingCounters counters() {
    return new MappingCounters(invocations.get(), delivered.get(), done.get(), retries.get(), filteredOut.get(), 0, 0);
  }
}
