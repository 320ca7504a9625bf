package dev.lambdaloom.functions.scavenger;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What one invocation did, counted from every scanner and deleter thread. */
final class Tally {
  private static final int MAX_SAMPLES = 20;

  final LongAdder scanned = new LongAdder();
  final LongAdder matched = new LongAdder();
  final LongAdder kept = new LongAdder();
  final LongAdder skipped = new LongAdder();
  final LongAdder deleted = new LongAdder();
  final LongAdder conditionFailed = new LongAdder();
  final LongAdder failed = new LongAdder();
  /** Candidates not settled in this invocation (throttled to the end, or cut by the deadline): read again on resume. */
  final LongAdder deferred = new LongAdder();
  final LongAdder scanRequests = new LongAdder();
  final LongAdder deleteRequests = new LongAdder();
  /** Attempts DynamoDB turned away (throttled or unprocessed) and that were retried. */
  final LongAdder throttled = new LongAdder();

  /** Why work was put off to the next invocation, if it was. */
  private final Set<Setback> setbacks = ConcurrentHashMap.newKeySet();
  private final Queue<String> samples = new ConcurrentLinkedQueue<>();
  private final AtomicInteger sampleCount = new AtomicInteger();

  /** Keeps the first few problems (skipped items, failed deletes) for the response; logs them all. */
  void report(String problem) {
    System.out.println("scavenger: " + problem);
    if (sampleCount.getAndIncrement() < MAX_SAMPLES) {
      samples.add(problem);
    }
  }

  /** {@code items} candidates (0 for a scan) go to the next invocation because of {@code setback}. */
  void putOff(Setback setback, int items, String problem) {
    setbacks.add(setback);
    deferred.add(items);
    report(problem);
  }

  boolean putOffBy(Setback setback) {
    return setbacks.contains(setback);
  }

  List<String> samples() {
    return new ArrayList<>(samples);
  }
}
