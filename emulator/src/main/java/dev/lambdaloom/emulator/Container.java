package dev.lambdaloom.emulator;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One execution environment: a runtime process (a child JVM, or a custom {@code bootstrap}) and
 * the Runtime API server it talks to. It runs one event at a time. It is idle only while the runtime
 * waits in {@code invocation/next}; between a response and that call it is still busy, as on Lambda,
 * and that call is also when an invocation's output is complete.
 *
 * <p>Its {@link RuntimeApiServer.Protocol} methods are called on the Runtime API server's threads, the others on
 * the pool's and the callers'; {@link Phase} says which calls are valid when.
 */
final class Container implements RuntimeApiServer.Protocol, AutoCloseable {

  /** What to start: a command, its environment (AWS_LAMBDA_RUNTIME_API is added), its folder. */
  record LaunchPlan(List<String> command, Map<String, String> environment, Path workingDirectory) {}

  /** An outcome and when it happened (System.nanoTime). */
  record Ended(RuntimeOutcome outcome, long atNanos) {}

  /** One event's passage through this container. */
  static final class Run {
    final Invocation invocation;
    final Duration timeout;
    final CompletableFuture<Long> delivered = new CompletableFuture<>();
    final CompletableFuture<Ended> outcome = new CompletableFuture<>();
    /** The lines the runtime wrote for this event, once it is back in invocation/next or gone. */
    final CompletableFuture<List<String>> settled = new CompletableFuture<>();

    Run(Invocation invocation, Duration timeout) {
      this.invocation = invocation;
      this.timeout = timeout;
    }

    /** Records the outcome if none was recorded yet; true when this one counts. */
    boolean end(RuntimeOutcome result) {
      return outcome.complete(new Ended(result, System.nanoTime()));
    }

    /** Nanoseconds from delivery to the end; 0 if the event was never delivered. */
    long durationNanos() {
      Ended ended = outcome.getNow(null);
      return ended == null || !delivered.isDone() ? 0 : ended.atNanos() - delivered.join();
    }
  }

  private final String id;
  private final Path directory;
  private final Process process;
  /** Kills the runtime if this JVM ends without closing the emulator (Ctrl-C on serve, a killed benchmark). */
  private final Thread reaper;
  private final RuntimeApiServer api;
  private final Sandbox sandbox;
  private final OutputLog output;
  /** When the runtime was let go inside its sandbox (System.nanoTime): Init Duration and the init timeout count from here. */
  private final long launchedNanos;
  private final Consumer<Container> onIdle;
  private final Consumer<Container> onExit;
  private final CompletableFuture<InitOutcome> init = new CompletableFuture<>();
  /** Completed with the output nobody claimed once the process is gone and cleaned up after. */
  private final CompletableFuture<List<String>> gone = new CompletableFuture<>();

  /**
   * Where the container is in its life. Moves forward only, except WAITING -> OFFERED -> RUNNING -> SETTLING ->
   * WAITING, once per event; any phase may go to STOPPING (killed) or GONE (the process ended).
   */
  enum Phase {
    /** The process runs its init; the runtime has not asked for an event yet. */
    STARTING,
    /** The runtime waits in invocation/next (or is about to), with no event for it. */
    WAITING,
    /** An event waits for the runtime to take it. */
    OFFERED,
    /** The runtime has the event; after an oversized response it keeps it until its /error. */
    RUNNING,
    /** The event has its outcome; its output is claimed when the runtime next asks for work. */
    SETTLING,
    /** Killed: the process is going and takes nothing more. */
    STOPPING,
    /** The process ended and its end was handled. */
    GONE
  }

  /** Guards {@code phase} and {@code run}; no call leaves this class while it is held. */
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private Phase phase = Phase.STARTING;
  /** The event of the OFFERED, RUNNING or SETTLING phase; kept through STOPPING until GONE ends it. */
  private Run current;
  private volatile long peakResidentBytes;
  private volatile long lastUsedNanos = System.nanoTime();

  private Container(String id, Path directory, Sandbox sandbox, Consumer<Container> onIdle,
      Consumer<Container> onExit, LaunchPlan plan) throws IOException {
    this.id = id;
    this.directory = directory;
    this.sandbox = sandbox;
    this.onIdle = onIdle;
    this.onExit = onExit;
    this.output = new OutputLog(directory.resolve("output.log"));
    this.api = new RuntimeApiServer(this);
    ProcessBuilder builder = new ProcessBuilder(plan.command()).directory(plan.workingDirectory().toFile());
    builder.environment().clear();
    builder.environment().putAll(plan.environment());
    builder.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
    Sandbox.Started started;
    try {
      started = sandbox.start(builder, output.file());
    } catch (IOException e) {
      api.close();
      output.close();
      throw e;
    }
    this.process = started.process();
    this.launchedNanos = started.startedNanos();
    this.reaper = new Thread(() -> {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }, "lambdaloom-reaper-" + id);
    Runtime.getRuntime().addShutdownHook(reaper);
    process.onExit().thenRun(this::exited);
  }

  static Container launch(String id, Path directory, Sandbox sandbox, LaunchPlan plan,
      Consumer<Container> onIdle, Consumer<Container> onExit) {
    try {
      return new Container(id, directory, sandbox, onIdle, onExit, plan);
    } catch (IOException e) {
      sandbox.close();
      throw new InvalidEntrypointException("cannot start " + plan.command().getLast() + ": " + e.getMessage(), e);
    }
  }

  String id() {
    return id;
  }

  OutputLog output() {
    return output;
  }

  long launchedNanos() {
    return launchedNanos;
  }

  long idleSinceNanos() {
    return lastUsedNanos;
  }

  /** False once killed or gone: it takes no more events. */
  boolean alive() {
    lock.lock();
    try {
      return phase != Phase.STOPPING && phase != Phase.GONE;
    } finally {
      lock.unlock();
    }
  }

  long peakResidentBytes() {
    return peakResidentBytes;
  }

  /**
   * True between the end of an event and the runtime's next call to invocation/next, and in the moment after that
   * call before the pool has it back as idle: it is about to take more work.
   */
  boolean finishing() {
    lock.lock();
    try {
      return switch (phase) {
        case SETTLING, WAITING -> true;
        case RUNNING -> current.outcome.isDone();
        case STARTING, OFFERED, STOPPING, GONE -> false;
      };
    } finally {
      lock.unlock();
    }
  }

  Phase phase() {
    lock.lock();
    try {
      return phase;
    } finally {
      lock.unlock();
    }
  }

  /** Waits for the end of init: the first invocation/next, an init error, an exit, or the timeout. */
  InitOutcome awaitInit(Duration timeout) throws InterruptedException {
    InitOutcome outcome;
    try {
      outcome = init.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      init.complete(new InitOutcome.TimedOut());
      outcome = init.join();
    } catch (ExecutionException e) {
      throw new IllegalStateException("container " + id + ": its init ended abnormally", e.getCause());
    }
    if (outcome instanceof InitOutcome.Ready) {
      sandbox.limitCpu();
      samplePeakMemory();
    }
    return outcome;
  }

  /**
   * Hands the event to the runtime and waits for its outcome, at most {@code run.timeout} from
   * delivery. On timeout the container is killed, as Lambda does.
   */
  RuntimeOutcome invoke(Run run) throws InterruptedException {
    lock.lock();
    try {
      if (phase == Phase.STOPPING || phase == Phase.GONE) {
        return new RuntimeOutcome.NotDelivered();
      }
      if (phase != Phase.WAITING) {
        throw new IllegalStateException("container " + id + " was handed an event while " + phase);
      }
      phase = Phase.OFFERED;
      current = run;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      CompletableFuture.anyOf(run.delivered, run.outcome).get(run.timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (!run.outcome.isDone()) {
        long elapsed = System.nanoTime() - run.delivered.join();
        run.outcome.get(Math.max(0, run.timeout.toNanos() - elapsed), TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException e) {
      samplePeakMemory();
      if (run.end(run.delivered.isDone() ? new RuntimeOutcome.TimedOut() : new RuntimeOutcome.NotDelivered())) {
        kill();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("container " + id + ": its event ended abnormally", e.getCause());
    } finally {
      lastUsedNanos = System.nanoTime();
    }
    return run.outcome.join().outcome();
  }

  @Override
  public Invocation next() throws InterruptedException {
    Run finished = null;
    boolean first = false;
    lock.lock();
    try {
      switch (phase) {
        case STARTING -> {
          phase = Phase.WAITING;
          first = true;
        }
        case SETTLING -> finished = current;
        // Ended without a response the runtime saw through (e.g. an oversized one): it moved on.
        case RUNNING -> {
          if (current.outcome.isDone()) {
            finished = current;
          }
        }
        case WAITING, OFFERED, STOPPING, GONE -> {}
      }
      if (finished != null) {
        phase = Phase.WAITING;
        current = null;
      }
    } finally {
      lock.unlock();
    }
    if (first) {
      init.complete(new InitOutcome.Ready(System.nanoTime() - launchedNanos));
    }
    if (finished != null) {
      samplePeakMemory();
      // Read before the container can take another event (only the pool offers one, after onIdle): these
      // lines are all this event's.
      finished.settled.complete(output.newLines());
      lastUsedNanos = System.nanoTime();
      onIdle.accept(this);
    }
    lock.lock();
    try {
      while (phase == Phase.WAITING || phase == Phase.STARTING) {
        changed.await();
      }
      if (phase != Phase.OFFERED) {
        return null; // stopping: the closed exchange tells the runtime
      }
      phase = Phase.RUNNING;
      return current.invocation;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long deadlineEpochMillis() {
    Run run = running();
    return System.currentTimeMillis() + (run == null ? 0 : run.timeout.toMillis());
  }

  /** The event the runtime holds, or null. */
  private Run running() {
    lock.lock();
    try {
      return phase == Phase.RUNNING ? current : null;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void delivered(Invocation invocation) {
    Run run = running();
    if (run != null && run.invocation == invocation) {
      run.delivered.complete(System.nanoTime());
    }
  }

  @Override
  public void deliveryFailed(Invocation invocation) {
    Run run = running();
    if (run != null && run.invocation == invocation) {
      run.end(new RuntimeOutcome.NotDelivered());
    }
    kill();
  }

  @Override
  public boolean completed(String requestId, RuntimeOutcome outcome) {
    Run run;
    lock.lock();
    try {
      if (phase != Phase.RUNNING || !current.invocation.requestId().equals(requestId)) {
        return false;
      }
      run = current;
      // After an oversized response Lambda still takes the runtime's /error for the same event;
      // the event stays open for it, and the first outcome is the one that counts.
      if (!(outcome instanceof RuntimeOutcome.ResponseTooLarge)) {
        phase = Phase.SETTLING;
      }
    } finally {
      lock.unlock();
    }
    run.end(outcome);
    return true;
  }

  @Override
  public void initFailed(String errorType, byte[] body) {
    init.complete(new InitOutcome.Failed(errorType, body));
  }

  private void exited() {
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: nothing left for it to kill
    }
    ExitStatus status = new ExitStatus(process.exitValue(), sandbox.outOfMemoryKilled());
    Run last;
    lock.lock();
    try {
      phase = Phase.GONE;
      last = current;
      current = null;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    init.complete(new InitOutcome.Exited(status));
    List<String> rest = output.remainingLines();
    if (last != null) {
      // Offered but never taken: run it elsewhere. Taken: the runtime died with it. Settled: already ended.
      last.end(last.delivered.isDone() ? new RuntimeOutcome.Exited(status) : new RuntimeOutcome.NotDelivered());
      last.settled.complete(last.delivered.isDone() ? rest : List.of());
      if (last.delivered.isDone()) {
        rest = List.of();
      }
    }
    api.close();
    sandbox.close();
    gone.complete(rest);
    onExit.accept(this);
  }

  /** Output written since the last invocation, once the process is gone (after {@link #awaitExit()}). */
  List<String> unclaimedOutput() {
    return gone.getNow(List.of());
  }

  void samplePeakMemory() {
    if (process.isAlive()) {
      peakResidentBytes = Math.max(peakResidentBytes, ProcessMemory.peakResidentBytes(process.toHandle()));
    }
  }

  /** Kills the runtime at once (SIGKILL), its children first. */
  void kill() {
    lock.lock();
    try {
      if (phase != Phase.GONE) {
        phase = Phase.STOPPING;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Waits, a bounded time, until the process is gone and its exit has been handled. */
  void awaitExit() {
    try {
      gone.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Unkillable or stuck: what follows is best effort.
    }
  }

  /** Kills the runtime, waits for it to be gone, then removes its folder. */
  @Override
  public void close() {
    kill();
    awaitExit();
    CodeUnpacker.deleteTree(directory);
  }
}
