package dev.lambdaloom.functions.scavenger;

import dev.lambdaloom.core.Deadline;
import java.time.Duration;

/**
 * When to stop reading and when everything must be over, from the time Lambda gives this invocation and what stopping
 * costs in this container ({@link MeasuredCosts}).
 *
 * <ul>
 *   <li>{@code answer}, kept at the end: the wind-down from the hard deadline to the handler's return (interrupting
 *       what still runs, counting, logging) as measured, never less than its prior (as TCP's retransmission timeout
 *       has a floor: answering late is a timeout, and the next invocation starts cold), plus the runtime's serializing
 *       and posting of the response.
 *   <li>{@code drain}, before that: every deleter finishing the batch in its hands and then one more from the full
 *       channel (two batches in a row) at the measured batch cost, which includes throttling's backoff, or the drains
 *       measured so far, if longer (they include what batch costs do not: deletes queued behind reads cut at the
 *       deadline, thread wake-ups); at most half of what is left, so that reading always gets some of the time.
 *       Running short here costs work, not items: batches not started are read again on resume, and so are those cut
 *       off at the hard deadline, though what these deleted before the cut goes uncounted.
 * </ul>
 * All priors and the floor are costs on a whole vCPU stretched to the function's {@link CpuShare}.
 */
record InvocationDeadlines(Deadline stopScanningAt, Deadline finishBy, Duration drain, Duration answer) {
  /** Batches a deleter may still have to settle when reading stops: its own and one waiting in the channel. */
  static final int DRAIN_ROUNDS = 2;
  /** The least the drain is, on a whole vCPU; stretched to the CPU share (a scheduling period more below one). */
  static final Duration DRAIN_FLOOR_AT_ONE_VCPU = Duration.ofMillis(20);

  static InvocationDeadlines plan(Deadline end, CpuShare cpu, MeasuredCosts costs) {
    Duration left = end.remaining();
    Duration answer = min(costs.windDown.highAndAtLeastPrior().plus(costs.respond), left);
    Duration needed = max(max(costs.deleteBatch.total(DRAIN_ROUNDS), costs.drain.high()),
        cpu.stretch(DRAIN_FLOOR_AT_ONE_VCPU));
    Duration drain = min(needed, left.minus(answer).dividedBy(2));
    Deadline finishBy = end.minus(answer);
    return new InvocationDeadlines(finishBy.minus(drain), finishBy, drain, answer);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  @Override
  public String toString() {
    return "stop scanning in " + stopScanningAt.remaining().toMillis() + " ms, finish in "
        + finishBy.remaining().toMillis() + " ms (drain " + drain.toMillis() + " ms, answer " + answer.toMillis()
        + " ms)";
  }
}
