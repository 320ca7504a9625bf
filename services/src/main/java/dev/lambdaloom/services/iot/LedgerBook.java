package dev.lambdaloom.services.iot;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live, thread-safe record of what the simulator served. Each reading's account is updated
 * under its own lock, so attempt numbers are exact under any concurrency.
 */
final class LedgerBook {

  /** One reading's account. */
  static final class Account {
    private final long order;
    private int attempts;
    private final EnumMap<Fault, Integer> faults = new EnumMap<>(Fault.class);
    private int documentsServed;
    private Document document;

    private Account(long order) {
      this.order = order;
    }

    /** Counts a request and returns its attempt number, from 1. */
    synchronized int nextAttempt() {
      return ++attempts;
    }

    synchronized void faulted(Fault fault) {
      faults.merge(fault, 1, Integer::sum);
    }

    synchronized void served(Document served) {
      documentsServed++;
      document = served;
    }

    /** Takes back a {@link #served} whose writing failed. */
    synchronized void undelivered() {
      if (--documentsServed == 0) {
        document = null;
      }
    }

    synchronized Ledger.Entry entry() {
      return new Ledger.Entry(attempts, faults, documentsServed, document);
    }
  }

  private final AtomicLong arrivals = new AtomicLong();
  private volatile ConcurrentHashMap<ReadingId, Account> accounts = new ConcurrentHashMap<>();

  Account account(ReadingId id) {
    return accounts.computeIfAbsent(id, ignored -> new Account(arrivals.incrementAndGet()));
  }

  Ledger snapshot() {
    Map<ReadingId, Ledger.Entry> entries = new LinkedHashMap<>();
    accounts.entrySet().stream()
        .sorted(Comparator.comparingLong(e -> e.getValue().order))
        .forEach(e -> entries.put(e.getKey(), e.getValue().entry()));
    return Ledger.of(entries);
  }

  /** Forgets everything, attempt counts included: faults start over. */
  void reset() {
    accounts = new ConcurrentHashMap<>();
  }
}
