package dev.lambdaloom.bench.latency;

import java.util.List;

/**
 * One invocation of A: its calls of B, in order.
 *
 * @param failed calls that got no answer or no timestamps from B
 * @param stoppedAtDeadline true when the deadline ended it before all calls were made
 * @param causedByCaller B's invocations the emulator's ledger records as caused by this invocation of A (through the
 *     trace header the SDK passed on)
 */
record ChainRun(CallType type, int memoryMb, int requested, List<CallTimes> calls, long failed,
    boolean stoppedAtDeadline, long causedByCaller) {
  ChainRun {
    calls = List.copyOf(calls);
  }

  /** Differences below zero over every causal leg of every call. */
  long negativeDifferences() {
    return calls.stream().mapToLong(c -> type.legs().stream().filter(l -> l.micros(c) < 0).count()).sum();
  }
}
