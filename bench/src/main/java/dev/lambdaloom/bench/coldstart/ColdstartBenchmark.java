package dev.lambdaloom.bench.coldstart;

import dev.lambdaloom.bench.BenchReport;
import dev.lambdaloom.bench.LatencySummary;
import dev.lambdaloom.bench.ProgressBar;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.Report;
import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.emulator.template.SamTemplate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code lambdaloom bench coldstart}: for every function, forced cold starts of each variant (managed java25, java25
 * with PRIME_ON_INIT, the custom runtime with jlink and an AOT cache), each a ratio to two floors measured in the same
 * run: the JVM's hello world and a native bootstrap on the same emulator.
 */
public final class ColdstartBenchmark {
  static final double TARGET_TRIVIAL = 2.5;
  static final double TARGET_IO = 3.5;
  static final long TARGET_TOURIST_MEMORY_MB = 96;
  private static final String TRIVIAL = ColdstartServices.HELLO;
  private static final Duration RUN_LIMIT = Duration.ofSeconds(120);

  /**
   * @param template the SAM template
   * @param functions the logical names to measure; empty: all
   * @param runs forced cold starts per function and variant
   * @param loadCalls tourist's short load (Max Memory Used), in invocations
   * @param migrations the tourist schema's migrations
   * @param customRuntimes where runtimes/al2023 puts its zips
   * @param resultsRoot where bench-results go
   * @param settings the emulator's settings
   */
  public record Options(Path template, List<String> functions, int runs, int loadCalls, Path migrations,
      Path customRuntimes, Path resultsRoot, EmulatorSettings settings) {}

  /** One function's runs of one variant, or why it has none. */
  record Measured(String function, Variant variant, long zipBytes, List<ColdRun> runs, String missing) {
    double p50FirstResponse() {
      return runs.isEmpty() ? Double.NaN : summary(runs.stream().mapToDouble(ColdRun::firstResponseMs).toArray()).p50();
    }
  }

  private final Options options;
  private final PrintStream out;

  public ColdstartBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public Path run() throws Exception {
    SamTemplate template = SamTemplate.load(options.template());
    List<FunctionConfig> functions = new ArrayList<>();
    if (options.functions().isEmpty()) {
      template.functions().values().stream().filter(FunctionConfig::isJavaRuntime).forEach(functions::add);
    } else {
      for (String name : options.functions()) {
        functions.add(template.function(name).orElseThrow(() -> new IllegalArgumentException(
            "no function " + name + " in " + options.template() + " (--functions takes its logical ids)")));
      }
    }
    Path work = Files.createTempDirectory("lambdaloom-coldstart-");
    JvmHelloFloor jvmFloor = JvmHelloFloor.prepare(options.settings().javaHome(), work);
    NativeFloor.Compiled nativeCode = NativeFloor.compile(work);
    FunctionConfig nativeFunction = switch (nativeCode) {
      case NativeFloor.Compiled.Skipped skipped -> {
        out.println("native floor: " + skipped.reason());
        yield null;
      }
      case NativeFloor.Compiled.Built built -> new FunctionConfig("NativeFloor", "floor", "provided.al2023",
          built.codeFolder(), 128, RUN_LIMIT, Map.of(), 1, "x86_64", 0, Map.of());
    };
    List<Double> jvmHello = new ArrayList<>();
    List<ColdRun> nativeRuns = new ArrayList<>();
    List<Measured> measured = new ArrayList<>();
    Long touristMemory = null;
    LinkedHashSet<String> names = new LinkedHashSet<>(functions.stream().map(FunctionConfig::name).toList());
    Map<String, String> events = new LinkedHashMap<>();
    try (ColdstartServices services = ColdstartServices.start(names, options.migrations())) {
      for (FunctionConfig declared : functions) {
        FunctionEvent event = services.eventFor(declared.name());
        events.put(declared.name(), event.description());
        List<Prepared> variants = new ArrayList<>();
        for (Variant variant : Variant.values()) {
          variants.add(prepare(declared, variant, event));
        }
        Map<Variant, List<ColdRun>> runs = new EnumMap<>(Variant.class);
        long steps = (long) options.runs() * (1 + (nativeFunction == null ? 0 : 1)
            + variants.stream().filter(v -> v.function() != null).count());
        // Round-robin: one run of each variant and of both floors per round, so that a machine whose load drifts
        // (others' builds) weighs on all of them alike rather than on whichever ran last.
        try (ProgressBar progress = ProgressBar.start(declared.name(), steps)) {
          for (int i = 0; i < options.runs(); i++) {
            jvmHello.add(jvmFloor.once());
            progress.step();
            if (nativeFunction != null) {
              nativeRuns.add(coldStart(nativeFunction, "{}".getBytes(StandardCharsets.UTF_8), false));
              progress.step();
            }
            for (Prepared prepared : variants) {
              if (prepared.function() != null) {
                runs.computeIfAbsent(prepared.variant(), v -> new ArrayList<>())
                    .add(coldStart(prepared.function(), event.event(), prepared.variant().custom()));
                progress.step();
              }
            }
          }
        }
        for (Prepared prepared : variants) {
          Measured m = prepared.function() == null
              ? new Measured(declared.name(), prepared.variant(), 0, List.of(), prepared.missing())
              : new Measured(declared.name(), prepared.variant(), Files.size(prepared.function().codeUri()),
                  runs.get(prepared.variant()), null);
          measured.add(m);
          out.printf(Locale.ROOT, "%s, %s: %s%n", declared.name(), prepared.variant().label(), m.missing() != null
              ? m.missing() : String.format(Locale.ROOT, "first response p50 %.1f ms", m.p50FirstResponse()));
        }
        if (declared.name().equals(ColdstartServices.TOURIST) && options.loadCalls() > 0) {
          touristMemory = touristUnderLoad(declared, event, best(measured, declared.name()));
        }
      }
    }
    Measured nativeFloor = switch (nativeCode) {
      case NativeFloor.Compiled.Skipped skipped ->
          new Measured("native bootstrap (C)", Variant.CUSTOM_RUNTIME, 0, List.of(), skipped.reason());
      case NativeFloor.Compiled.Built built -> new Measured("native bootstrap (C)", Variant.CUSTOM_RUNTIME,
          Files.size(built.codeFolder().resolve("bootstrap")), nativeRuns, null);
    };
    out.printf(Locale.ROOT, "JVM hello world: p50 %.1f ms; native bootstrap: %s%n", summary(jvmHello).p50(),
        nativeFloor.missing() != null ? nativeFloor.missing()
            : String.format(Locale.ROOT, "p50 %.1f ms", nativeFloor.p50FirstResponse()));
    return write(functions, jvmHello, Optional.of(nativeFloor), measured, events, touristMemory);
  }

  /** A variant's function, or why it cannot run (its zip was not built). */
  private record Prepared(Variant variant, FunctionConfig function, String missing) {}

  private Prepared prepare(FunctionConfig declared, Variant variant, FunctionEvent event) {
    Map<String, String> environment = new LinkedHashMap<>(declared.environment());
    environment.putAll(event.environment());
    return switch (variant) {
      case MANAGED -> new Prepared(variant, declared.withEnvironment(environment), null);
      case PRIMING -> {
        environment.put("PRIME_ON_INIT", "true");
        yield new Prepared(variant, declared.withEnvironment(environment), null);
      }
      case CUSTOM_RUNTIME, LEAN_LOOP -> {
        Path zip = customZip(declared, variant);
        if (!Files.isRegularFile(zip)) {
          yield new Prepared(variant, null, "not built: " + zip.getFileName()
              + " (./mvnw package -pl runtimes/al2023 -am; functions with a training event, -Dcustom-runtime.functions)");
        }
        yield new Prepared(variant, new FunctionConfig(declared.name(), declared.handler(), "provided.al2023", zip,
            declared.memoryMb(), declared.timeout(), environment, declared.reservedConcurrency(),
            declared.architecture(), 0, Map.of()), null);
      }
    };
  }

  private Path customZip(FunctionConfig declared, Variant variant) {
    return options.customRuntimes().resolve(variant.zipName(declared.codeUri().getFileName().toString()));
  }

  /** A fresh emulator: nothing warm, the code unpacked anew, a new process. */
  private ColdRun coldStart(FunctionConfig function, byte[] event, boolean custom) throws Exception {
    try (Emulator emulator = new Emulator(List.of(function.withTimeout(max(function.timeout(), RUN_LIMIT))),
        options.settings(), (name, lines) -> {})) {
      InvokeResult result = emulator.invoke(function.name(), event);
      InvokeResult.InvocationLog log = result.awaitLog();
      Report report = log.report();
      if (!result.coldStart()) {
        throw new IllegalStateException(function.name() + ": a fresh emulator's first invocation was not a cold start");
      }
      double init = report.initDurationMs() == null ? 0 : report.initDurationMs();
      return new ColdRun(init + report.durationMs(), init, report.durationMs(), report.maxMemoryUsedMb(),
          result.failed() ? result.errorType() : null, custom ? AotStatus.of(log.lines()) : AotStatus.NOT_APPLICABLE);
    }
  }

  /** Tourist's Max Memory Used over a short sequential load in one container, with its best variant. */
  private long touristUnderLoad(FunctionConfig declared, FunctionEvent event, Measured best) throws Exception {
    Map<String, String> environment = new LinkedHashMap<>(declared.environment());
    environment.putAll(event.environment());
    FunctionConfig function = best.variant().custom()
        ? new FunctionConfig(declared.name(), declared.handler(), "provided.al2023", customZip(declared, best.variant()),
            declared.memoryMb(), declared.timeout(), environment, 1, declared.architecture(), 0, Map.of())
        : declared.withEnvironment(environment);
    long most = 0;
    try (Emulator emulator = new Emulator(List.of(function), options.settings(), (name, lines) -> {});
        ProgressBar progress = ProgressBar.start("tourist under load", options.loadCalls())) {
      for (int i = 0; i < options.loadCalls(); i++) {
        byte[] request = i % 2 == 0 ? event.event() : create(i);
        InvokeResult result = emulator.invoke(function.name(), request);
        most = Math.max(most, result.awaitLog().report().maxMemoryUsedMb());
        progress.step();
      }
    }
    return most;
  }

  private static byte[] create(int i) {
    return ("{\"version\": \"2.0\", \"routeKey\": \"ANY /tourists\", \"rawPath\": \"/tourists\", \"rawQueryString\": \"\","
        + "\"headers\": {\"content-type\": \"application/json\"}, \"requestContext\": {\"http\": {\"method\": \"POST\","
        + "\"path\": \"/tourists\"}, \"requestId\": \"load-" + i + "\"}, \"isBase64Encoded\": false, \"body\":"
        + " \"{\\\"name\\\":\\\"Load " + i + "\\\",\\\"email\\\":\\\"load" + i + "@example.com\\\",\\\"nationality\\\":\\\"FR\\\"}\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Measured best(List<Measured> measured, String function) {
    return measured.stream().filter(m -> m.function().equals(function) && m.missing() == null)
        .min((a, b) -> Double.compare(a.p50FirstResponse(), b.p50FirstResponse())).orElseThrow();
  }

  private Path write(List<FunctionConfig> functions, List<Double> jvmHello, Optional<Measured> nativeFloor,
      List<Measured> measured, Map<String, String> events, Long touristMemory) throws IOException {
    double jvm = summary(jvmHello).p50();
    double nativeMs = nativeFloor.filter(m -> m.missing() == null).map(Measured::p50FirstResponse).orElse(Double.NaN);
    BenchReport report = BenchReport.create(options.resultsRoot(), "coldstart",
        "Cold starts: managed java25, priming, and a custom runtime (jlink + AOT cache; AWS's client or the lean loop), "
            + "against two floors");
    report.parameter("runsPerVariant", options.runs())
        .parameter("functions", String.join(", ", functions.stream().map(FunctionConfig::name).toList()))
        .parameter("limits", options.settings().enforceLimits() ? "Lambda's memory and CPU limits where cgroups allow" : "off")
        .parameter("touristLoadCalls", options.loadCalls());
    report.table("Floors (same run)", List.of("floor", "p50 (ms)", "min (ms)", "max (ms)", "what"), List.of(
        List.of("JVM hello world", jvm, summary(jvmHello).min(), summary(jvmHello).max(),
            "java -cp . Hello, default CDS, process start to exit"),
        nativeFloor.filter(m -> m.missing() == null).map(m -> List.<Object>of("native bootstrap (C)", nativeMs,
                min(m), max(m), "provided.al2023 on the emulator: Init Duration + first Duration"))
            .orElseGet(() -> List.of("native bootstrap (C)", "-", "-", "-", nativeFloor.map(Measured::missing).orElse("")))));

    List<List<Object>> rows = new ArrayList<>();
    Set<String> notBuilt = new LinkedHashSet<>(); // once per function, whichever of its custom variants is missing
    for (Measured m : measured) {
      if (m.missing() != null) {
        notBuilt.add(m.function());
        continue;
      }
      double first = m.p50FirstResponse();
      double init = summary(m.runs().stream().mapToDouble(ColdRun::initMs).toArray()).p50();
      long memory = m.runs().stream().mapToLong(ColdRun::maxMemoryMb).max().orElse(0);
      rows.add(Arrays.asList(m.function(), m.variant().label(), first, init, memory, m.zipBytes() / 1048576.0,
          ratio(first, jvm), ratio(first, nativeMs), notes(m)));
    }
    report.table("Cold starts (p50 of " + options.runs() + " forced cold starts; first response = Init Duration + first "
            + "Duration, from process start)",
        List.of("function", "variant", "first response (ms)", "Init Duration (ms)", "Max Memory Used (MB)",
            "zip (MB)", "x JVM hello", "x native", "notes"), rows);
    if (!notBuilt.isEmpty()) {
      report.note("No custom-runtime zip (runtimes/al2023 builds one only for functions with a training event, "
          + "-Dcustom-runtime.functions): " + String.join(", ", notBuilt) + ".");
    }
    List<List<Object>> eventRows = new ArrayList<>();
    events.forEach((function, description) -> eventRows.add(List.of(function, description)));
    report.table("First request per function", List.of("function", "event"), eventRows);

    List<String> verdicts = new ArrayList<>();
    for (FunctionConfig function : functions) {
      double target = function.name().equals(TRIVIAL) ? TARGET_TRIVIAL
          : function.name().equals(ColdstartServices.TOURIST) || function.name().equals(ColdstartServices.INGEST)
              ? TARGET_IO : Double.NaN;
      if (Double.isNaN(target)) {
        continue;
      }
      Measured best = best(measured, function.name());
      double ratio = best.p50FirstResponse() / jvm;
      verdicts.add(String.format(Locale.ROOT, "%s best variant %s: %.0f ms = %.2fx the JVM hello world (target <= %.1fx: %s), "
              + "%s", function.name(), best.variant().label(), best.p50FirstResponse(), ratio, target,
          ratio <= target ? "met" : "missed", Double.isNaN(nativeMs) ? "native floor not measured"
              : String.format(Locale.ROOT, "%.1fx the native floor", best.p50FirstResponse() / nativeMs)));
    }
    if (touristMemory != null) {
      verdicts.add(String.format(Locale.ROOT, "TouristFunction Max Memory Used under a short load (%d calls, its best "
              + "variant): %d MB (target < %d MB: %s)", options.loadCalls(), touristMemory, TARGET_TOURIST_MEMORY_MB,
          touristMemory < TARGET_TOURIST_MEMORY_MB ? "met" : "missed"));
    }
    verdicts.forEach(v -> report.note("Target: " + v + "."));
    report.note("An AOT cache the JVM or the bootstrap refused shows in the notes column (the run then started without "
        + "it, slower). A rejected event (errorType in the notes) still timed a full cold start and first response.");
    report.data("jvmHelloMs", jvmHello);
    report.data("nativeFloor", nativeFloor.orElse(null));
    report.data("measured", measured);
    report.data("touristMaxMemoryUnderLoadMb", touristMemory);
    Path folder = report.write();
    verdicts.forEach(out::println);
    out.println("Report: " + folder.resolve("report.md"));
    return folder;
  }

  private static String notes(Measured m) {
    List<String> notes = new ArrayList<>();
    m.runs().stream().map(ColdRun::errorType).filter(e -> e != null).findFirst().ifPresent(e -> notes.add("rejected: " + e));
    long refused = m.runs().stream().filter(r -> r.aot() == AotStatus.REFUSED_BY_JVM || r.aot() == AotStatus.REFUSED_BY_BOOTSTRAP).count();
    if (refused > 0) {
      notes.add("AOT cache " + m.runs().stream().map(ColdRun::aot).filter(a -> a != AotStatus.USED).findFirst()
          .orElseThrow().label() + " in " + refused + " of " + m.runs().size() + " runs");
    } else if (m.variant().custom()) {
      notes.add("AOT cache used");
    }
    return String.join("; ", notes);
  }

  /** Null (an empty cell) when the floor was not measured. */
  private static Double ratio(double value, double floor) {
    return Double.isNaN(floor) || floor <= 0 ? null : value / floor;
  }

  private static double min(Measured m) {
    return m.runs().stream().mapToDouble(ColdRun::firstResponseMs).min().orElse(Double.NaN);
  }

  private static double max(Measured m) {
    return m.runs().stream().mapToDouble(ColdRun::firstResponseMs).max().orElse(Double.NaN);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  static LatencySummary summary(List<Double> millis) {
    return summary(millis.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static LatencySummary summary(double[] millis) {
    long[] nanos = new long[millis.length];
    for (int i = 0; i < millis.length; i++) {
      nanos[i] = Math.round(millis[i] * 1e6);
    }
    return LatencySummary.of(nanos);
  }
}
