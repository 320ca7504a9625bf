package dev.lambdaloom.bench.misbehave;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.Report;
import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.fixtures.misbehave.HungInitHandler;
import dev.lambdaloom.fixtures.misbehave.MisbehavingHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code lambdaloom bench misbehave}: the misbehave fixture through the emulator, once per misbehaviour and repeat:
 * the error its caller gets, how long until it gets it, the REPORT line's Max Memory Used, and whether the call after
 * it found a warm container or started cold.
 *
 * <p>One emulator serves every event-provoked misbehaviour, in {@link Misbehaviour}'s order: those the container
 * survives first, then those that end it, so each crash starts on the fresh container the previous call made. The
 * leaks and the oversized answer run in a function of their own with a Timeout long enough to reach their limit. A hung init needs a cold start
 * each time, so each of its repeats gets an emulator of its own; they run at the same time, after the others.
 */
public final class MisbehaveBenchmark {
  static final String MISBEHAVING_FUNCTION = "MisbehavingFunction";
  static final String ROOMY_FUNCTION = "RoomyFunction";
  static final String HUNG_INIT_FUNCTION = "HungInitFunction";
  // Names only: the classes are loaded, never initialised, here (HungInitHandler's initialiser would hang).
  static final String MISBEHAVING_HANDLER = MisbehavingHandler.class.getName() + "::handleRequest";
  private static final String HUNG_INIT_HANDLER = HungInitHandler.class.getName() + "::handleRequest";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param fixtureZip the misbehave fixture's zip (bench-fixtures/misbehave/target/misbehave.zip)
   * @param resultsRoot where bench-results go
   * @param settings the emulator's settings; its init timeout is the one a hung init runs into
   * @param memoryMb the functions' MemorySize
   * @param timeout the functions' Timeout, what a runaway loop and a retried hung init run into
   * @param roomyTimeout the Timeout of the function the leaks and the oversized answer run in: the most they may take
   *     to reach MemorySize or the response limit
   * @param repeats misbehaving calls of each kind
   */
  public record Options(Path fixtureZip, Path resultsRoot, EmulatorSettings settings, int memoryMb, Duration timeout,
      Duration roomyTimeout, int repeats) {
    public Options {
      if (!Files.isRegularFile(fixtureZip)) {
        throw new IllegalArgumentException("no misbehave fixture at " + fixtureZip
            + "; build it with ./mvnw -pl bench-fixtures/misbehave package");
      }
      if (memoryMb < 128 || memoryMb > 10_240) {
        throw new IllegalArgumentException("MemorySize is 128 to 10,240 MB, not " + memoryMb);
      }
      requireLambdaTimeout("Timeout", timeout);
      requireLambdaTimeout("the roomy Timeout", roomyTimeout);
      if (repeats < 1) {
        throw new IllegalArgumentException("at least one repeat, not " + repeats);
      }
    }
  }

  private static void requireLambdaTimeout(String name, Duration timeout) {
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofSeconds(900)) > 0) {
      throw new IllegalArgumentException(name + " is 1 to 900 s, not " + timeout.toMillis() / 1000.0 + " s");
    }
  }

  /** What a run measured, and where its report is. */
  public record Result(Path folder, List<Observation> observations) {}

  /** What a run left to the report: the observations and how limits were applied. */
  record Measured(List<Observation> observations, String limits) {}

  private final Options options;
  private final PrintStream out;
  private final Duration reportWait;

  public MisbehaveBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
    // A REPORT line follows its call once the runtime is back in invocation/next or gone: a kill, a restart.
    Duration longest = options.timeout().compareTo(options.roomyTimeout()) >= 0 ? options.timeout() : options.roomyTimeout();
    this.reportWait = longest.plus(options.settings().initTimeout()).multipliedBy(2);
  }

  public Result run() throws Exception {
    Measured measured = measure();
    Path folder = new MisbehaveReport(options, measured).write(out);
    return new Result(folder, measured.observations());
  }

  private Measured measure() throws Exception {
    List<Observation> observations = new ArrayList<>();
    List<Misbehaviour> byEvent = List.of(Misbehaviour.values()).stream()
        .filter(m -> m.target() != Misbehaviour.Target.HUNG_INIT).toList();
    String limits;
    List<FunctionConfig> functions = List.of(
        function(MISBEHAVING_FUNCTION, MISBEHAVING_HANDLER, options.timeout(), Map.of()),
        function(ROOMY_FUNCTION, MISBEHAVING_HANDLER, options.roomyTimeout(), Map.of()));
    // Each observation prints a line as it is made: they are the run's progress.
    try (Emulator emulator = new Emulator(functions, options.settings(), LogSink.discard())) {
      limits = emulator.limitsDescription();
      for (FunctionConfig function : functions) {
        InvokeResult warmUp = emulator.invoke(function.name(), Misbehaviour.OK.event());
        if (warmUp.failed()) {
          throw new IllegalStateException(function.name() + " failed its first plain call: " + warmUp.payloadText());
        }
        report(warmUp);
      }
      for (int repeat = 1; repeat <= options.repeats(); repeat++) {
        for (Misbehaviour misbehaviour : byEvent) {
          String function = misbehaviour.target() == Misbehaviour.Target.ROOMY_TIMEOUT
              ? ROOMY_FUNCTION : MISBEHAVING_FUNCTION;
          observations.add(print(observe(emulator, function, misbehaviour, repeat, null)));
        }
      }
    }
    observations.addAll(hungInits());
    observations.sort((a, b) -> a.misbehaviour() != b.misbehaviour()
        ? a.misbehaviour().compareTo(b.misbehaviour()) : Integer.compare(a.repeat(), b.repeat()));
    return new Measured(observations, limits);
  }

  /**
   * The hung-init repeats, at the same time: each waits out the init timeout and the Timeout with its runtime
   * blocked, using no CPU, so running them one after another would only make the run longer. Each has its own
   * emulator and flag file, so each call is a cold start of its own.
   */
  private List<Observation> hungInits() throws Exception {
    List<Path> flags = new ArrayList<>();
    List<Future<Observation>> calls = new ArrayList<>();
    try {
      // Closing the executor waits for every call: no thread outlives this method.
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int repeat = 1; repeat <= options.repeats(); repeat++) {
          Path flag = Files.createTempFile("lambdaloom-misbehave-hang-", ".flag");
          flags.add(flag);
          FunctionConfig hungInit = function(HUNG_INIT_FUNCTION, HUNG_INIT_HANDLER, options.timeout(),
              Map.of(HungInitHandler.HANG_FLAG_VARIABLE, flag.toString()));
          int number = repeat;
          calls.add(threads.submit(() -> {
            try (Emulator emulator = new Emulator(List.of(hungInit), options.settings(), LogSink.discard())) {
              return print(observe(emulator, HUNG_INIT_FUNCTION, Misbehaviour.HUNG_INIT, number, flag));
            }
          }));
        }
      }
      List<Observation> observations = new ArrayList<>();
      for (Future<Observation> call : calls) {
        try {
          observations.add(call.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a hung-init call failed to run", e.getCause());
        }
      }
      return observations;
    } finally {
      for (Path flag : flags) {
        Files.deleteIfExists(flag);
      }
    }
  }

  private FunctionConfig function(String name, String handler, Duration timeout, Map<String, String> environment) {
    return new FunctionConfig(name, handler, "java25", options.fixtureZip().toAbsolutePath(), options.memoryMb(),
        timeout, environment, 1, "x86_64", 0, Map.of());
  }

  /**
   * The misbehaving call, then a plain one.
   *
   * @param hangFlag deleted between the two calls, so the next cold start gets through its init; or null
   */
  private Observation observe(Emulator emulator, String function, Misbehaviour misbehaviour, int repeat,
      Path hangFlag) throws Exception {
    long start = System.nanoTime();
    InvokeResult result = emulator.invoke(function, misbehaviour.event());
    double detectMs = (System.nanoTime() - start) / 1e6;
    Report report = report(result);
    if (hangFlag != null) {
      Files.delete(hangFlag);
    }
    long nextStart = System.nanoTime();
    InvokeResult next = emulator.invoke(function, Misbehaviour.OK.event());
    double nextMs = (System.nanoTime() - nextStart) / 1e6;
    report(next); // its container is settled before the next misbehaving call
    NextCall nextCall = next.failed() ? NextCall.FAILED : next.coldStart() ? NextCall.COLD : NextCall.WARM;
    return new Observation(misbehaviour, repeat, result.errorType(), errorMessage(result), detectMs,
        report.durationMs(), report.maxMemoryUsedMb(), report.status().label().orElse(""), nextCall, nextMs);
  }

  private Report report(InvokeResult result) throws Exception {
    return result.log().get(reportWait.toMillis(), TimeUnit.MILLISECONDS).report();
  }

  /** The error document's errorMessage, its request id as {@code <id>} so that repeats read alike; null if none. */
  private static String errorMessage(InvokeResult result) throws IOException {
    if (!result.failed()) {
      return null;
    }
    JsonNode body = JSON.readTree(result.payload());
    JsonNode message = body == null ? null : body.get("errorMessage");
    return message == null ? null : message.asText().replace(result.requestId(), "<id>");
  }

  /** Prints the observation's line; called from the hung-init threads too, one line at a time. */
  private Observation print(Observation o) {
    out.printf(Locale.ROOT, "%-14s #%d  %-32s %,9.0f ms  %4d MB  next call %s%n", o.misbehaviour().label(),
        o.repeat(), o.errorType() == null ? "answered" : o.errorType(), o.detectMs(), o.maxMemoryUsedMb(),
        o.nextCall().label());
    return o;
  }
}
