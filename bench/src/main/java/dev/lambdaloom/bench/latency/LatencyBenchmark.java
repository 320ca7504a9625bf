package dev.lambdaloom.bench.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.api.InvokeApiServer;
import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.emulator.trace.LedgerEntry;
import dev.lambdaloom.fixtures.chain.ChainCallee;
import dev.lambdaloom.fixtures.chain.ChainCaller;
import dev.lambdaloom.loopback.FreePort;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lambdaloom bench latency}: function A of the chain fixture calls function B N times through the local
 * Invoke API with the AWS SDK, RequestResponse and Event, at each memory size; A notes the wall clock before each call
 * and after its answer, B at its handler's start and end. Every reading is {@link Instant#now()} in a JVM on this
 * machine: one kernel clock, so differences between them are durations and never negative (where the article's
 * Lambda-to-EC2 differences were negative 46% of the time). {@link LatencyReport} lays the figures out.
 */
public final class LatencyBenchmark {
  static final String CALLER = "ChainCaller";
  static final String CALLEE = "ChainCallee";
  /** Calls of each type before the measured ones, in the same containers: cold starts and the JIT, not counted. */
  static final int WARM_UP_CALLS = 50;
  private static final String CALLER_HANDLER = ChainCaller.class.getName() + "::handleRequest";
  private static final String CALLEE_HANDLER = ChainCallee.class.getName() + "::handleRequest";
  /** Lambda's longest Timeout: A's, since one invocation of it makes every call of a run. */
  private static final Duration MAX_TIMEOUT = Duration.ofSeconds(900);
  /** Beyond the deadline, for A to answer what it did. */
  private static final Duration ANSWER_MARGIN = Duration.ofSeconds(30);
  /** B's Timeout: one call, a log line. */
  private static final Duration CALLEE_TIMEOUT = Duration.ofSeconds(30);
  /**
   * The emulator gives a Java function 10% of MemorySize as metaspace, 12.8 MB at 128 MB: too little for the AWS
   * SDK's classes (the caller's JVM ends with OutOfMemoryError: Metaspace). Both functions get more through
   * JAVA_TOOL_OPTIONS, which replaces only that default; the heap stays 85% of MemorySize.
   */
  static final String JAVA_TOOL_OPTIONS = "-XX:MaxMetaspaceSize=64m";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param fixtureZip the chain fixture's zip (bench-fixtures/chain/target/chain.zip)
   * @param resultsRoot where bench-results go
   * @param settings the emulator's settings (the Invoke API's endpoint is added for the functions)
   * @param calls calls of B per type and memory size
   * @param memorySizes MemorySize of A and B in each sweep
   * @param deadline how long one run (a type at a memory size) may make calls; it stops by itself then
   */
  public record Options(Path fixtureZip, Path resultsRoot, EmulatorSettings settings, int calls,
      List<Integer> memorySizes, Duration deadline) {
    public Options {
      if (!Files.isRegularFile(fixtureZip)) {
        throw new IllegalArgumentException("no chain fixture at " + fixtureZip
            + "; build it with ./mvnw -pl bench-fixtures/chain package");
      }
      memorySizes = List.copyOf(memorySizes);
      if (memorySizes.isEmpty() || memorySizes.stream().anyMatch(m -> m < 128 || m > 10_240)) {
        throw new IllegalArgumentException("MemorySize is 128 to 10,240 MB: " + memorySizes);
      }
      if (calls < 1) {
        throw new IllegalArgumentException("at least one call, not " + calls);
      }
      if (deadline.compareTo(Duration.ofSeconds(1)) < 0
          || deadline.plus(ANSWER_MARGIN).compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalArgumentException("the deadline is 1 to " + MAX_TIMEOUT.minus(ANSWER_MARGIN).toSeconds()
            + " s (A's Timeout is it plus " + ANSWER_MARGIN.toSeconds() + " s), not " + deadline.toSeconds() + " s");
      }
    }
  }

  /** What a run measured, and where its report is. */
  public record Result(Path folder, List<ChainRun> runs) {}

  private final Options options;
  private final PrintStream out;

  public LatencyBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public Result run() throws Exception {
    List<ChainRun> runs = new ArrayList<>();
    String limits = "";
    Path work = Files.createTempDirectory("lambdaloom-chain-");
    try {
      for (int memory : options.memorySizes()) {
        Path log = work.resolve("callee-" + memory + ".log");
        int port = FreePort.find();
        EmulatorSettings settings = options.settings()
            .withLocalEndpoints(Map.of("LAMBDA", "http://127.0.0.1:" + port));
        try (Emulator emulator = new Emulator(functions(memory, log), settings, LogSink.discard());
            InvokeApiServer api = InvokeApiServer.start(emulator, port)) {
          limits = emulator.limitsDescription();
          for (CallType type : CallType.values()) {
            call(emulator, type, WARM_UP_CALLS, memory, log); // cold starts, JIT: not counted
            ChainRun run = call(emulator, type, options.calls(), memory, log);
            print(run);
            runs.add(run);
          }
        }
      }
    } finally {
      try (var files = Files.list(work)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(work);
    }
    Path folder = new LatencyReport(options, limits, runs).write(out);
    return new Result(folder, runs);
  }

  private List<FunctionConfig> functions(int memory, Path log) {
    Duration callerTimeout = options.deadline().plus(ANSWER_MARGIN);
    return List.of(
        new FunctionConfig(CALLER, CALLER_HANDLER, "java25", options.fixtureZip().toAbsolutePath(), memory,
            callerTimeout, Map.of("CHAIN_CALLEE", CALLEE, "CHAIN_LOG", log.toString(),
            "JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS), 1, "x86_64", 0, Map.of()),
        new FunctionConfig(CALLEE, CALLEE_HANDLER, "java25", options.fixtureZip().toAbsolutePath(), memory,
            CALLEE_TIMEOUT, Map.of("CHAIN_LOG", log.toString(), "JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS), 10, "x86_64", 0, Map.of()));
  }

  private ChainRun call(Emulator emulator, CallType type, int calls, int memory, Path log) throws Exception {
    Files.deleteIfExists(log);
    Files.createFile(log); // A reads it from the start: only this run's lines
    long stopAt = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now().plus(options.deadline()));
    String event = "{\"calls\":" + calls + ",\"type\":\"" + type.invocationType() + "\",\"stopAtMicros\":" + stopAt
        + "}";
    InvokeResult result = emulator.invoke(CALLER, event.getBytes(StandardCharsets.UTF_8));
    if (result.failed()) {
      String logged = result.awaitLog().text();
      throw new IllegalStateException(CALLER + " failed at " + memory + " MB (" + type.invocationType() + "): "
          + result.payloadText() + "; its log ends with:\n" + logged.substring(Math.max(0, logged.length() - 3000)));
    }
    JsonNode answer = JSON.readTree(result.payload());
    List<CallTimes> times = new ArrayList<>();
    for (JsonNode call : answer.get("calls")) {
      times.add(new CallTimes(call.get(0).asLong(), call.get(1).asLong(), call.get(2).asLong(), call.get(3).asLong()));
    }
    return new ChainRun(type, memory, calls, times, answer.get("failed").asLong(),
        answer.get("stoppedAtDeadline").asBoolean(), causedBy(emulator, result.requestId(), times.size()));
  }

  /**
   * B's invocations whose ledger entry names this invocation of A as the caller. The emulator records an invocation
   * when it ends, just after B's handler wrote the log line A waits for: A can answer before B's last Event invocation
   * is in the ledger. So this waits for the {@code expected} entries A's calls account for, up to B's timeout (an
   * invocation that has not ended by then never will), and returns what is there.
   */
  private static long causedBy(Emulator emulator, String callerRequestId, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + CALLEE_TIMEOUT.toNanos();
    while (true) {
      List<LedgerEntry> entries = emulator.ledger().snapshot().entries();
      Optional<String> caller = entries.stream().filter(e -> e.requestId().equals(callerRequestId))
          .map(e -> e.trace().parent()).findFirst();
      long caused = caller.map(segment -> entries.stream().filter(e -> e.function().equals(CALLEE)
          && e.trace().callerParent().equals(Optional.of(segment))).count()).orElse(0L);
      if (caused >= expected || System.nanoTime() - deadline >= 0) {
        return caused;
      }
      Thread.sleep(10);
    }
  }

  private void print(ChainRun run) {
    out.printf(Locale.ROOT, "%-15s %5d MB  %,6d of %,d calls  %d failed  %d negative differences  ledger: %,d caused"
            + " by A%s%n", run.type().invocationType(), run.memoryMb(), run.calls().size(), run.requested(),
        run.failed(), run.negativeDifferences(), run.causedByCaller(), run.stoppedAtDeadline() ? "  (deadline)" : "");
  }
}
