package dev.lambdaloom.bench.streams;

import dev.lambdaloom.bench.LatencySummary;
import dev.lambdaloom.emulator.Report;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What each batch of a run cost, from the mapping's observer and each invocation's REPORT line. Per batch:
 * <ul>
 *   <li>{@code preparing}: gathered to invoked, the mapping writing the batch's payload out (and counting it);
 *   <li>{@code invokeOverhead}: the invoke call's round trip minus the function's Duration, the emulator's part:
 *       finding a warm container, handing the event to its runtime and taking the answer back;
 *   <li>{@code overhead}: the two together, the mapping's own cost per batch beyond the function;
 *   <li>{@code duration}: the function's Duration (its REPORT line: the event's delivery to the runtime's answer).
 * </ul>
 * What a batch waits in its lane before it is gathered, and the read before that, are not in these figures (they are
 * in the write-to-processed latency).
 *
 * @param invocations invocations of the run
 * @param failed those whose function failed (the fixture never fails: each one is a fault of the run)
 * @param recordsPerInvocation mean records per batch
 * @param busySeconds the lanes' time from gathered to returned, summed over batches
 */
record BatchCosts(int invocations, int failed, double recordsPerInvocation, LatencySummary preparing,
    LatencySummary invokeOverhead, LatencySummary overhead, LatencySummary duration, double busySeconds) {

  /** The REPORT line comes a moment after the answer; it is never this late unless the emulator is stuck. */
  private static final long REPORT_WAIT_SECONDS = 60;

  static BatchCosts of(List<RunObserver.Invocation> invocations) throws InterruptedException {
    int n = invocations.size();
    long[] preparing = new long[n];
    long[] invokeOverhead = new long[n];
    long[] overhead = new long[n];
    long[] duration = new long[n];
    long records = 0;
    long busy = 0;
    int failed = 0;
    for (int i = 0; i < n; i++) {
      RunObserver.Invocation invocation = invocations.get(i);
      long durationNanos = Math.round(report(invocation).durationMs() * 1e6);
      preparing[i] = invocation.invokedNanos() - invocation.gatheredNanos();
      // Duration is kept to 0.01 ms: on a very fast call the rounding may exceed the round trip.
      invokeOverhead[i] = Math.max(0, invocation.returnedNanos() - invocation.invokedNanos() - durationNanos);
      overhead[i] = preparing[i] + invokeOverhead[i];
      duration[i] = durationNanos;
      records += invocation.records();
      busy += invocation.returnedNanos() - invocation.gatheredNanos();
      if (invocation.result().failed()) {
        failed++;
      }
    }
    return new BatchCosts(n, failed, n == 0 ? 0 : (double) records / n, LatencySummary.of(preparing),
        LatencySummary.of(invokeOverhead), LatencySummary.of(overhead), LatencySummary.of(duration), busy / 1e9);
  }

  private static Report report(RunObserver.Invocation invocation) throws InterruptedException {
    try {
      return invocation.result().log().get(REPORT_WAIT_SECONDS, TimeUnit.SECONDS).report();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("no REPORT line for invocation " + invocation.result().requestId(), e);
    }
  }
}
