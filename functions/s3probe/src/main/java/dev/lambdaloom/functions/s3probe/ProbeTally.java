package dev.lambdaloom.functions.s3probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds up the outcomes of one run as readers hand them in, from any thread. Every field is guarded by the
 * instance's monitor; outcomes arrive once per object, so the lock is never hot next to a GET.
 */
final class ProbeTally {
  /** How many failed keys the result names, per run: enough to find the cause, not a copy of the listing. */
  static final int EXAMPLES = 5;

  private final long[] readNanos;
  private int read;
  private long bytes;
  private long matches;
  private final Map<String, Long> failuresByError = new TreeMap<>();
  private final List<ObjectOutcome.Failed> examples = new ArrayList<>();
  private long failed;
  private long cut;

  ProbeTally(int objects) {
    this.readNanos = new long[objects];
  }

  synchronized void add(ObjectOutcome outcome) {
    switch (outcome) {
      case ObjectOutcome.Read r -> {
        readNanos[read++] = r.nanos();
        bytes += r.bytes();
        matches += r.matches();
      }
      case ObjectOutcome.Failed f -> {
        failed++;
        failuresByError.merge(f.error(), 1L, Long::sum);
        if (examples.size() < EXAMPLES) examples.add(f);
      }
      case ObjectOutcome.Cut c -> cut++;
    }
  }

  synchronized Snapshot snapshot() {
    long[] sorted = Arrays.copyOf(readNanos, read);
    Arrays.sort(sorted);
    return new Snapshot(read, failed, cut, bytes, matches, percentileMs(sorted, 0.50), percentileMs(sorted, 0.99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, Map.copyOf(failuresByError), List.copyOf(examples));
  }

  /** Nearest rank: the smallest value with at least {@code p} of the values at or below it. */
  private static double percentileMs(long[] sorted, double p) {
    if (sorted.length == 0) return 0;
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }

  /** The figures at one moment. */
  record Snapshot(int read, long failed, long cut, long bytes, long matches, double p50Ms, double p99Ms, double maxMs,
      Map<String, Long> failuresByError, List<ObjectOutcome.Failed> examples) {}
}
