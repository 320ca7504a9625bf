package dev.lambdaloom.functions.s3probe;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An asynchronous client (Netty or CRT) with at most {@code concurrency} GETs in flight: the calling thread starts a
 * GET whenever a permit is free and returns once every GET has ended. The client's own threads search the bodies.
 */
final class AsyncReads {
  private AsyncReads() {}

  static void run(AsyncObjects s3, List<ListedObject> objects, RunLimits limits, ProbeTally tally)
      throws InterruptedException {
    Semaphore permits = new Semaphore(limits.concurrency());
    Set<AsyncObjects.ObjectRead> inFlight = ConcurrentHashMap.newKeySet();
    try {
      for (ListedObject object : objects) {
        if (limits.stopStartingAt().expired()
            || !permits.tryAcquire(limits.stopStartingAt().remainingNanos(), TimeUnit.NANOSECONDS)) {
          break;
        }
        AsyncObjects.ObjectRead read = s3.read(object.key());
        inFlight.add(read);
        read.outcome().whenComplete((outcome, never) -> {
          tally.add(outcome); // the future always completes normally: see AsyncObjects.read
          inFlight.remove(read);
          permits.release();
        });
      }
      if (!permits.tryAcquire(limits.concurrency(), limits.cutAt().remainingNanos(), TimeUnit.NANOSECONDS)) {
        cutAll(inFlight, permits, limits.concurrency());
      }
    } catch (InterruptedException e) {
      cutAll(inFlight, permits, limits.concurrency());
      throw e;
    }
  }

  /** Ends every read still in flight as cut, then waits until their completions have been counted. */
  private static void cutAll(Set<AsyncObjects.ObjectRead> inFlight, Semaphore permits, int concurrency) {
    for (AsyncObjects.ObjectRead read : inFlight) {
      read.cut().run();
    }
    permits.acquireUninterruptibly(concurrency); // each cut completes its future at once, on this thread
  }
}
