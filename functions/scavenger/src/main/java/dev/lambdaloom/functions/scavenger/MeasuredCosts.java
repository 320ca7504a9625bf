package dev.lambdaloom.functions.scavenger;

import java.time.Duration;

/**
 * What the parts of a run cost in this container, measured as they happen and kept across invocations (one instance
 * per container): the basis of {@link InvocationDeadlines}. Before the first sample each estimate says its prior: a
 * cost measured through the emulator on this project's development machine, converted to a whole vCPU, taken three
 * times over (a slower machine) unless said otherwise, and stretched to this function's {@link CpuShare}.
 */
final class MeasuredCosts {
  /**
   * Settling one delete batch, retries and backoff included; most of it is DynamoDB's time. The prior is a cold
   * container's: its first batches took 1,245 ms on average through the emulator at 1,024 MB with 10 deleters against
   * DynamoDB Local on the loaded machine described below, (1,245 - 100) x 0.579 = 660 ms of one vCPU; warm, 160 to
   * 350 ms. Not tripled: two of them already ask for more than the half of a short invocation the drain may take.
   */
  static final Duration DELETE_BATCH_AT_ONE_VCPU = Duration.ofMillis(660);
  /**
   * Reading one item of a scan page: DynamoDB's time, the network's and the parsing. Measured as below: 0.5 to 18 ms
   * an item with 10 segments against DynamoDB Local on the loaded machine (it reads with one SQLite thread).
   */
  static final Duration SCAN_ITEM_AT_ONE_VCPU = Duration.ofMillis(1);
  /**
   * From the hard deadline to the handler's return: interrupting what still runs (cold code, run once an invocation),
   * joining, counting, logging. Measured through the emulator at 1,024 MB (0.579 vCPU) with the machine loaded (load
   * average 18 on 2 cores): 143 ms past the hard deadline, (143 - 100 ms of scheduling period) x 0.579 = 25 ms of one
   * vCPU; three times that, for a machine three times slower.
   */
  static final Duration WIND_DOWN_AT_ONE_VCPU = Duration.ofMillis(75);
  /**
   * From the handler's return to the response posted: the runtime serializes it and posts it to the Runtime API,
   * which the handler cannot measure. Measured as above: 121 ms from the end of the run to the end of the REPORT's
   * Duration, (121 - 100) x 0.579 = 12 ms of one vCPU; three times that.
   */
  static final Duration RESPOND_AT_ONE_VCPU = Duration.ofMillis(36);

  final CostEstimate deleteBatch;
  /** From the end of reading to the last batch settled: the drain itself, which batch costs alone underrate. */
  final CostEstimate drain;
  final CostEstimate scanItem;
  final CostEstimate windDown;
  /** What the runtime needs after the handler returns, from {@link #RESPOND_AT_ONE_VCPU}. */
  final Duration respond;

  MeasuredCosts(CpuShare cpu) {
    this.deleteBatch = new CostEstimate(cpu.stretch(DELETE_BATCH_AT_ONE_VCPU));
    this.drain = new CostEstimate(deleteBatch.total(InvocationDeadlines.DRAIN_ROUNDS));
    this.scanItem = new CostEstimate(cpu.scale(SCAN_ITEM_AT_ONE_VCPU));
    this.windDown = new CostEstimate(cpu.stretch(WIND_DOWN_AT_ONE_VCPU));
    this.respond = cpu.stretch(RESPOND_AT_ONE_VCPU);
  }

  @Override
  public String toString() {
    return "delete batch " + deleteBatch + ", drain " + drain + ", scan per item " + scanItem + ", wind-down "
        + windDown;
  }
}
