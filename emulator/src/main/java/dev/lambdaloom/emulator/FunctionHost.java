package dev.lambdaloom.emulator;

import dev.lambdaloom.emulator.template.FunctionConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs one function the way Lambda does: a cold start when no container is free, warm reuse
 * otherwise, at most ReservedConcurrentExecutions containers busy at once (beyond that, a throttle),
 * Lambda's init and invoke timeouts, and START/END/REPORT lines for every invocation.
 */
final class FunctionHost implements AutoCloseable {
  private static final int DELIVERY_ATTEMPTS = 3;
  /** How long a new event waits for a container that has answered but not yet asked for more. */
  private static final Duration FINISHING_WAIT = Duration.ofSeconds(2);
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** What all hosts of one emulator share. */
  record Environment(EmulatorSettings settings, LaunchPlans plans, CodeUnpacker unpacker,
      Sandbox.Factory sandboxes, LogSink sink) {}

  private final FunctionConfig config;
  private final Environment environment;
  private final String functionArn;
  private final Semaphore slots;
  private final AtomicInteger containerSequence = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Deque<Container> idle = new ArrayDeque<>();
  private final Set<Container> busy = new HashSet<>();
  private final Set<Container> live = new HashSet<>();
  private final AtomicInteger coldStarts = new AtomicInteger();
  private volatile Path taskRoot;
  private boolean closed;

  FunctionHost(FunctionConfig config, Environment environment) {
    this.config = config;
    this.environment = environment;
    this.functionArn = environment.plans().functionArn(config.name());
    this.slots = new Semaphore(config.reservedConcurrency());
  }

  FunctionConfig config() {
    return config;
  }

  String functionArn() {
    return functionArn;
  }

  /** Containers alive now, busy or idle. */
  int liveContainers() {
    lock.lock();
    try {
      return live.size();
    } finally {
      lock.unlock();
    }
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
      return run(invocation);
    } finally {
      slots.release();
    }
  }

  private InvokeResult run(Invocation invocation) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      Container container = takeWarm();
      Started started;
      if (container == null) {
        ColdStart cold = coldStart(invocation);
        if (cold instanceof ColdStart.Failed failed) {
          return failed.result();
        }
        started = ((ColdStart.Ok) cold).started();
      } else {
        started = new Started(container, null, config.timeout(), List.of());
      }
      Container.Run run = new Container.Run(invocation, started.timeout());
      RuntimeOutcome outcome = started.container().invoke(run);
      if (outcome instanceof RuntimeOutcome.NotDelivered && attempt < DELIVERY_ATTEMPTS) {
        retire(started.container());
        continue; // it died between invocations: like Lambda, use another one
      }
      return result(invocation, started, run, outcome);
    }
  }

  private record Started(Container container, Long initNanos, Duration timeout, List<String> initLines) {}

  private sealed interface ColdStart {
    record Ok(Started started) implements ColdStart {}

    record Failed(InvokeResult result) implements ColdStart {}
  }

  /**
   * Starts a container. When its init fails or overruns the init timeout, Lambda reports it
   * (INIT_REPORT) and tries once more inside the invocation, within the function's own timeout.
   */
  private ColdStart coldStart(Invocation invocation) throws InterruptedException {
    coldStarts.incrementAndGet();
    List<String> lines = new ArrayList<>();
    lines.add(initStartLine());
    Container first;
    try {
      first = launch();
    } catch (LaunchPlans.InvalidEntrypointException e) {
      return new ColdStart.Failed(invalidEntrypoint(invocation, e, lines));
    }
    InitOutcome outcome = first.awaitInit(environment.settings().initTimeout());
    if (outcome instanceof InitOutcome.Ready ready) {
      lines.addAll(first.output().newLines());
      return new ColdStart.Ok(new Started(first, ready.durationNanos(), config.timeout(), lines));
    }
    long firstNanos = endInit(first, lines);
    lines.add(initReportLine(firstNanos, outcome));

    lines.add(initStartLine());
    Container second = launch();
    long start = System.nanoTime();
    outcome = second.awaitInit(config.timeout());
    if (outcome instanceof InitOutcome.Ready ready) {
      lines.addAll(second.output().newLines());
      Duration left = config.timeout().minusNanos(ready.durationNanos());
      return new ColdStart.Ok(new Started(second, null, left.isNegative() ? Duration.ofMillis(1) : left, lines));
    }
    long spent = System.nanoTime() - start;
    endInit(second, lines);
    return new ColdStart.Failed(initFailure(invocation, outcome, spent, lines));
  }

  /** Stops a container whose init failed and collects what it wrote; returns how long it ran. */
  private long endInit(Container container, List<String> lines) {
    long ran = System.nanoTime() - container.launchedNanos();
    retire(container);
    container.awaitExit();
    lines.addAll(container.unclaimedOutput());
    return ran;
  }

  private InvokeResult invalidEntrypoint(Invocation invocation, RuntimeException failure, List<String> lines) {
    String id = invocation.requestId();
    byte[] payload = ErrorDocuments.of("Runtime.InvalidEntrypoint", "RequestId: " + id + " Error: " + failure.getMessage());
    lines.add(initReportLine(0, "\tStatus: error\tError Type: Runtime.InvalidEntrypoint"));
    return finishedWithoutRunning(id, payload, "Runtime.InvalidEntrypoint", "error", 0, lines);
  }

  private InvokeResult initFailure(Invocation invocation, InitOutcome outcome, long spentNanos, List<String> lines) {
    String id = invocation.requestId();
    byte[] payload;
    String errorType;
    String status = "error";
    switch (outcome) {
      case InitOutcome.Failed failed -> {
        payload = ErrorDocuments.fromRuntime(failed.errorType(), failed.body());
        errorType = ErrorDocuments.errorType(failed.errorType(), failed.body());
      }
      case InitOutcome.Exited exited -> {
        payload = ErrorDocuments.exited(id, exited.status());
        errorType = exited.status().errorType();
      }
      default -> {
        payload = ErrorDocuments.timedOut(id, config.timeout());
        errorType = "Sandbox.Timedout";
        status = "timeout";
      }
    }
    return finishedWithoutRunning(id, payload, errorType, status, spentNanos, lines);
  }

  /** The result of an invocation whose runtime never got to run it. */
  private InvokeResult finishedWithoutRunning(String id, byte[] payload, String errorType, String status,
      long spentNanos, List<String> lines) {
    lines.add("START RequestId: " + id + " Version: $LATEST");
    if (status.equals("timeout")) {
      lines.add(LOG_TIME.format(Instant.now()) + " " + id + " " + ErrorDocuments.timeoutMessage(config.timeout()));
    }
    lines.add("END RequestId: " + id);
    Report report = Report.of(id, spentNanos, null, config.memoryMb(), 0, status,
        status.equals("timeout") ? null : errorType);
    lines.add(report.line());
    environment.sink().accept(config.name(), lines);
    var log = CompletableFuture.completedFuture(new InvokeResult.InvocationLog(lines, report));
    return new InvokeResult(id, payload, "Unhandled", errorType, true, log);
  }

  private InvokeResult result(Invocation invocation, Started started, Container.Run run, RuntimeOutcome outcome) {
    String id = invocation.requestId();
    Container container = started.container();
    byte[] payload;
    String errorType = null;
    String status = null;
    switch (outcome) {
      case RuntimeOutcome.Response response -> payload = response.body();
      case RuntimeOutcome.FunctionError error -> {
        payload = ErrorDocuments.fromRuntime(error.errorType(), error.body());
        errorType = ErrorDocuments.errorType(error.errorType(), error.body());
      }
      case RuntimeOutcome.ResponseTooLarge tooLarge -> {
        payload = ErrorDocuments.responseTooLarge();
        errorType = "Function.ResponseSizeTooLarge";
      }
      case RuntimeOutcome.TimedOut timedOut -> {
        payload = ErrorDocuments.timedOut(id, config.timeout()); // the configured one, even after a slow init
        errorType = "Sandbox.Timedout";
        status = "timeout";
      }
      case RuntimeOutcome.Exited exited -> {
        payload = ErrorDocuments.exited(id, exited.status());
        errorType = exited.status().errorType();
        status = "error";
      }
      case RuntimeOutcome.NotDelivered notDelivered -> {
        payload = ErrorDocuments.of("ServiceException", "RequestId: " + id
            + " Error: the runtime went away before taking the event, " + DELIVERY_ATTEMPTS + " times");
        errorType = "ServiceException";
        status = "error";
      }
    }
    String finalStatus = status;
    String finalErrorType = errorType;
    CompletableFuture<InvokeResult.InvocationLog> log = run.settled.thenApply(output -> {
      List<String> lines = new ArrayList<>(started.initLines());
      lines.add("START RequestId: " + id + " Version: $LATEST");
      lines.addAll(output);
      if ("timeout".equals(finalStatus)) {
        lines.add(LOG_TIME.format(Instant.now()) + " " + id + " " + ErrorDocuments.timeoutMessage(config.timeout()));
      }
      lines.add("END RequestId: " + id);
      Report report = Report.of(id, run.durationNanos(), started.initNanos(), config.memoryMb(),
          container.peakResidentBytes(), finalStatus, "error".equals(finalStatus) ? finalErrorType : null);
      lines.add(report.line());
      environment.sink().accept(config.name(), lines);
      return new InvokeResult.InvocationLog(lines, report);
    });
    return new InvokeResult(id, payload, errorType == null ? null : "Unhandled", errorType,
        started.initNanos() != null || !started.initLines().isEmpty(), log);
  }

  // ---- containers ----

  private Container launch() {
    Path root = taskRoot;
    if (root == null) {
      root = environment.unpacker().taskRoot(config.codeUri());
      taskRoot = root;
    }
    String id = HexFormat.of().formatHex(randomBytes(16));
    Path directory = environment.settings().workDirectory().resolve("containers")
        .resolve(config.name() + "-" + containerSequence.incrementAndGet());
    Path tmp = directory.resolve("tmp");
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + tmp, e);
    }
    Container.LaunchPlan plan = environment.plans().plan(config, root, tmp, id);
    Sandbox sandbox = environment.sandboxes().create(config.memoryMb());
    Container container = Container.launch(id, directory, sandbox, plan, this::becameIdle, this::exited);
    lock.lock();
    try {
      live.add(container);
      busy.add(container);
      if (closed) {
        container.kill();
      }
    } finally {
      lock.unlock();
    }
    return container;
  }

  /** A warm container, waiting briefly for one that has answered and is about to ask for more. */
  private Container takeWarm() throws InterruptedException {
    long waitUntil = System.nanoTime() + FINISHING_WAIT.toNanos();
    lock.lock();
    try {
      while (true) {
        while (!idle.isEmpty()) {
          Container container = idle.pollFirst();
          if (container.alive()) {
            busy.add(container);
            return container;
          }
        }
        boolean finishing = busy.stream().anyMatch(Container::finishing);
        long left = waitUntil - System.nanoTime();
        if (!finishing || left <= 0) {
          return null;
        }
        changed.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  private void becameIdle(Container container) {
    lock.lock();
    try {
      if (busy.remove(container) && container.alive()) {
        idle.addFirst(container);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void exited(Container container) {
    lock.lock();
    try {
      live.remove(container);
      busy.remove(container);
      idle.remove(container);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    Thread.ofVirtual().start(container::close); // removes its folder once it is gone
  }

  private void retire(Container container) {
    lock.lock();
    try {
      busy.remove(container);
      idle.remove(container);
    } finally {
      lock.unlock();
    }
    container.kill();
  }

  /** Logs a failure of the platform itself for an invocation nobody waits on. */
  void logFailure(String requestId, Exception failure) {
    environment.sink().accept(config.name(), List.of(LOG_TIME.format(Instant.now()) + " " + requestId
        + " Lambdaloom could not run the event: " + failure));
  }

  /** Kills containers idle for longer than the idle timeout. */
  void reapIdle() {
    long cutoff = System.nanoTime() - environment.settings().idleTimeout().toNanos();
    List<Container> expired = new ArrayList<>();
    lock.lock();
    try {
      idle.removeIf(container -> {
        if (container.idleSinceNanos() < cutoff) {
          expired.add(container);
          return true;
        }
        return false;
      });
    } finally {
      lock.unlock();
    }
    expired.forEach(Container::kill);
  }

  @Override
  public void close() {
    List<Container> all;
    lock.lock();
    try {
      closed = true;
      all = new ArrayList<>(live);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    List<Thread> closing = new ArrayList<>();
    for (Container container : all) {
      closing.add(Thread.ofVirtual().start(container::close));
    }
    for (Thread thread : closing) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(15));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  // ---- log lines ----

  private String initStartLine() {
    String runtime = config.runtime().replaceFirst("^([a-z]+)\\.?", "$1:");
    return "INIT_START Runtime Version: " + runtime + ".lambdaloom\tRuntime Version ARN: arn:aws:lambda:"
        + environment.settings().region() + "::runtime:lambdaloom";
  }

  private static String initReportLine(long nanos, InitOutcome outcome) {
    return initReportLine(nanos, switch (outcome) {
      case InitOutcome.TimedOut t -> "\tStatus: timeout";
      case InitOutcome.Exited e -> "\tStatus: error\tError Type: " + e.status().errorType();
      case InitOutcome.Failed f -> "\tStatus: error\tError Type: " + ErrorDocuments.errorType(f.errorType(), f.body());
      case InitOutcome.Ready r -> "";
    });
  }

  private static String initReportLine(long nanos, String status) {
    return String.format(Locale.ROOT, "INIT_REPORT Init Duration: %.2f ms\tPhase: init", nanos / 1e6) + status;
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }
}
