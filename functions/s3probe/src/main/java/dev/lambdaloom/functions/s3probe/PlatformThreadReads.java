package dev.lambdaloom.functions.s3probe;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The synchronous client on a fixed pool of {@code concurrency} platform threads, as Java did it before virtual
 * threads: each thread costs its stack (and a little kernel memory) whether it waits or not. At the cut the pool is
 * shut down now; a thread blocked in a socket read is not woken by its interrupt, only by the socket timeout (the
 * request timeout), which {@link RunLimits#before} keeps room for.
 */
final class PlatformThreadReads {
  private PlatformThreadReads() {}

  static void run(SyncObjects s3, List<ListedObject> objects, RunLimits limits, ProbeTally tally,
      java.time.Duration requestTimeout) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(limits.concurrency(),
        Thread.ofPlatform().name("s3probe-", 0).daemon().factory());
    try {
      for (ListedObject object : objects) {
        pool.execute(() -> {
          if (!limits.stopStartingAt().expired()) tally.add(s3.read(object.key()));
        });
      }
      pool.shutdown();
      if (!pool.awaitTermination(limits.cutAt().remainingNanos(), TimeUnit.NANOSECONDS)) {
        pool.shutdownNow(); // queued objects are dropped (not read); running ones are interrupted
        pool.awaitTermination(requestTimeout.toNanos() * 2, TimeUnit.NANOSECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
