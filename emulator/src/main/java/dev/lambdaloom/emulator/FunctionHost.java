package dev.lambdaloom.emulator;

import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.emulator.trace.InvocationLedger;
import dev.lambdaloom.emulator.trace.LedgerEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one function the way Lambda does: at most ReservedConcurrentExecutions events at once (beyond that, a
 * throttle), each on a warm container from its {@link ContainerPool} or on a new one from a {@link ColdStart},
 * within the function's timeout; every invocation ends as an {@link InvokeResult} and its log lines
 * ({@link InvocationLogs}) and its entry in the {@link InvocationLedger}.
 */
final class FunctionHost implements AutoCloseable {
  /** Runs of one event on containers that died before their runtime took it, as Lambda retries them. */
  private static final int DELIVERY_ATTEMPTS = 3;

  /** What all hosts of one emulator share. */
  record Environment(EmulatorSettings settings, Path workDirectory, LaunchPlans plans, CodeUnpacker unpacker,
      Sandbox.Factory sandboxes, LogSink sink, InvocationLedger ledger) {}

  /** How one run ended: what the caller gets, and what the ledger keeps of it. */
  private record Ran(InvokeResult result, EndStatus status, Long initNanos) {}

  private final FunctionConfig config;
  private final Environment environment;
  private final String functionArn;
  private final Semaphore slots;
  private final AtomicInteger coldStarts = new AtomicInteger();
  private final ContainerPool pool;
  private final InvocationLogs logs;
  private final ColdStart coldStart;

  FunctionHost(FunctionConfig config, Environment environment) {
    this.config = config;
    this.environment = environment;
    this.functionArn = environment.plans().functionArn(config.name());
    this.slots = new Semaphore(config.reservedConcurrency());
    this.pool = new ContainerPool(config, environment);
    this.logs = new InvocationLogs(config, environment.settings().region(), environment.sink());
    this.coldStart = new ColdStart(pool, logs, environment.settings().initTimeout(), config.timeout());
  }

  FunctionConfig config() {
    return config;
  }

  String functionArn() {
    return functionArn;
  }

  /** Containers alive now, busy or idle. */
  int liveContainers() {
    return pool.live();
  }

  /** Invocations in progress (Lambda's ConcurrentExecutions metric). */
  int concurrentExecutions() {
    return config.reservedConcurrency() - slots.availablePermits();
  }

  int coldStarts() {
    return coldStarts.get();
  }

  /**
   * Runs one event. With {@code waitForCapacity} false (synchronous calls) a full function is
   * throttled at once; true (the async queue) waits for a free slot instead.
   */
  InvokeResult invoke(Invocation invocation, boolean waitForCapacity) throws InterruptedException {
    if (waitForCapacity) {
      slots.acquire();
    } else if (!slots.tryAcquire()) {
      throw LambdaServiceException.throttled();
    }
    try {
      InvocationLedger ledger = environment.ledger();
      Instant start = ledger.now();
      Ran ran = run(invocation);
      InvokeResult result = ran.result();
      ledger.record(new LedgerEntry(0, invocation.requestId(), config.name(), invocation.cause(), invocation.trace(),
          start, ledger.now(), result.coldStart(), Optional.ofNullable(ran.initNanos()).map(Duration::ofNanos),
          ran.status(), Optional.ofNullable(result.errorType())));
      return result;
    } finally {
      slots.release();
    }
  }

  private Ran run(Invocation invocation) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      ColdStart.Outcome.Ready ready;
      Container warm = pool.takeWarm();
      if (warm != null) {
        ready = new ColdStart.Outcome.Ready(warm, null, config.timeout(), List.of());
      } else {
        coldStarts.incrementAndGet();
        switch (coldStart.start(invocation.requestId())) {
          case ColdStart.Outcome.Failed failed -> {
            return withoutRunning(invocation.requestId(), failed);
          }
          case ColdStart.Outcome.Ready started -> ready = started;
        }
      }
      Container.Run run = new Container.Run(invocation, ready.timeLeft());
      RuntimeOutcome outcome = ready.container().invoke(run);
      if (outcome instanceof RuntimeOutcome.NotDelivered && attempt < DELIVERY_ATTEMPTS) {
        pool.retire(ready.container());
        continue; // it died between invocations: like Lambda, use another one
      }
      return result(invocation.requestId(), ready, run, outcome);
    }
  }

  /** The result of an invocation whose runtime never got to run it. */
  private Ran withoutRunning(String requestId, ColdStart.Outcome.Failed failed) {
    Ending ending = failed.ending();
    InvokeResult.InvocationLog log = logs.write(requestId, failed.initLines(),
        HandlerNotFoundHint.appendTo(List.of(), config, ending), ending, failed.spentNanos(),
        null, 0);
    return new Ran(new InvokeResult(requestId, ending.payload(), "Unhandled", ending.errorType(), true,
        CompletableFuture.completedFuture(log)), ending.status(), null);
  }

  private Ran result(String requestId, ColdStart.Outcome.Ready ready, Container.Run run,
      RuntimeOutcome outcome) {
    Ending ending = Ending.of(outcome, requestId, config.timeout(), DELIVERY_ATTEMPTS);
    Container container = ready.container();
    // The log is complete once the runtime is back in invocation/next (or gone): a moment after the answer.
    CompletableFuture<InvokeResult.InvocationLog> log = run.settled.thenApply(output -> logs.write(requestId,
        ready.initLines(), HandlerNotFoundHint.appendTo(output, config, ending), ending, run.durationNanos(), ready.initNanos(), container.peakResidentBytes()));
    boolean cold = ready.initNanos() != null || !ready.initLines().isEmpty();
    return new Ran(new InvokeResult(requestId, ending.payload(), ending.failed() ? "Unhandled" : null,
        ending.errorType(), cold, log), ending.status(), ready.initNanos());
  }

  /** Logs a failure of the platform itself for an invocation nobody waits on. */
  void logFailure(String requestId, Exception failure) {
    logs.platformFailure(requestId, failure);
  }

  /** Kills containers idle for longer than the idle timeout. */
  void reapIdle() {
    pool.reapIdle(environment.settings().idleTimeout());
  }

  @Override
  public void close() {
    pool.close();
  }
}
