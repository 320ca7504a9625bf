package dev.lambdaloom.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A cold start as Lambda does it: launch a container and wait for its init. When that init fails or overruns the
 * init timeout, Lambda reports it (INIT_REPORT) and tries once more inside the invocation, within the function's
 * own timeout; the second init's time then counts against the invocation, not as Init Duration.
 */
final class ColdStart {
  /** How a cold start ended. */
  sealed interface Outcome {
    /**
     * A container whose runtime waits for its first event.
     *
     * @param initNanos the Init Duration to report, or null when the init ran inside the invocation
     * @param timeLeft what is left of the function's timeout for the event
     * @param initLines INIT_START, what the init wrote, and the INIT_REPORT of a failed first init
     */
    record Ready(Container container, Long initNanos, Duration timeLeft, List<String> initLines) implements Outcome {}

    /** No runtime could be made ready: the invocation ends with {@code ending} without running. */
    record Failed(Ending ending, long spentNanos, List<String> initLines) implements Outcome {}
  }

  private final ContainerPool pool;
  private final InvocationLogs logs;
  private final Duration initTimeout;
  private final Duration functionTimeout;

  ColdStart(ContainerPool pool, InvocationLogs logs, Duration initTimeout, Duration functionTimeout) {
    this.pool = pool;
    this.logs = logs;
    this.initTimeout = initTimeout;
    this.functionTimeout = functionTimeout;
  }

  Outcome start(String requestId) throws InterruptedException {
    List<String> lines = new ArrayList<>();
    lines.add(logs.initStart());
    Container first;
    try {
      first = pool.launch();
    } catch (InvalidEntrypointException e) {
      lines.add(logs.initReportInvalidEntrypoint());
      return new Outcome.Failed(Ending.invalidEntrypoint(requestId, e.getMessage()), 0, lines);
    }
    InitOutcome outcome = first.awaitInit(initTimeout);
    if (outcome instanceof InitOutcome.Ready ready) {
      lines.addAll(first.output().newLines());
      return new Outcome.Ready(first, ready.durationNanos(), functionTimeout, lines);
    }
    long firstNanos = end(first, lines);
    lines.add(logs.initReport(firstNanos, outcome));

    lines.add(logs.initStart());
    Container second = pool.launch();
    long start = System.nanoTime();
    outcome = second.awaitInit(functionTimeout);
    if (outcome instanceof InitOutcome.Ready ready) {
      lines.addAll(second.output().newLines());
      Duration left = functionTimeout.minusNanos(ready.durationNanos());
      return new Outcome.Ready(second, null, left.isNegative() ? Duration.ofMillis(1) : left, lines);
    }
    long spent = System.nanoTime() - start;
    end(second, lines);
    return new Outcome.Failed(Ending.ofFailedInit(outcome, requestId, functionTimeout), spent, lines);
  }

  /** Stops a container whose init failed and collects what it wrote; returns how long it ran. */
  private long end(Container container, List<String> lines) {
    long ran = System.nanoTime() - container.launchedNanos();
    pool.retire(container);
    container.awaitExit();
    lines.addAll(container.unclaimedOutput());
    return ran;
  }
}
