package dev.lambdaloom.bench.emulator;

import dev.lambdaloom.bench.Architecture;
import dev.lambdaloom.bench.BenchReport;
import dev.lambdaloom.bench.LambdaPricing;
import dev.lambdaloom.bench.LatencyRecorder;
import dev.lambdaloom.bench.LatencySummary;
import dev.lambdaloom.bench.ProgressBar;
import dev.lambdaloom.bench.ReportCollector;
import dev.lambdaloom.emulator.api.InvokeApiServer;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.Report;
import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.emulator.template.SamTemplate;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code lambdaloom bench emulator}: what the emulator itself costs. Cold start of a trivial java25
 * handler, from process start to first response, over fresh containers; then the emulator's
 * overhead per warm invocation (round trip minus the handler's own Duration from its REPORT line),
 * through the Invoke API over HTTP and in-process, in one run.
 */
public final class EmulatorBenchmark {
  /** The issue's targets, printed against the figures. */
  static final double TARGET_COLD_START_MS = 400;
  static final double TARGET_WARM_OVERHEAD_P50_MS = 1;
  private static final Duration REPORT_WAIT = Duration.ofSeconds(30);
  private static final int WARMUP_CALLS = 200;

  /**
   * @param template the SAM template
   * @param function a trivial function in it (the hello function)
   * @param coldStarts how many fresh containers to time
   * @param warmCalls measured warm invocations per path (HTTP and in-process)
   * @param resultsRoot where bench-results go
   * @param settings the emulator's settings (limits on or off)
   */
  public record Options(Path template, String function, int coldStarts, int warmCalls, Path resultsRoot,
      EmulatorSettings settings) {}

  /** One timed cold start. */
  record ColdStart(int run, double untilResponseMs, double initMs, double firstInvokeMs, long billedMs, long maxMemoryMb) {}

  private final Options options;
  private final PrintStream out;

  public EmulatorBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Runs the experiment and writes its report; returns the folder. */
  public Path run() throws Exception {
    SamTemplate template = SamTemplate.load(options.template());
    FunctionConfig function = template.function(options.function()).orElseThrow(() ->
        new IllegalArgumentException("no function " + options.function() + " in " + options.template()));
    byte[] event = "{\"name\":\"bench\"}".getBytes(StandardCharsets.UTF_8);

    List<ColdStart> colds = coldStarts(template, event);
    Map<String, LatencySummary[]> warm = new LinkedHashMap<>();
    String limits;
    ReportCollector reports = new ReportCollector();
    try (Emulator emulator = Emulator.start(template, options.settings(), reports);
        InvokeApiServer api = InvokeApiServer.start(emulator, 0)) {
      limits = emulator.limitsDescription();
      warm.put("Invoke API over HTTP", warmOverHttp(api, event, reports));
      warm.put("in-process (Emulator.invoke)", warmInProcess(emulator, event));
    }
    return write(function, colds, warm, limits);
  }

  private List<ColdStart> coldStarts(SamTemplate template, byte[] event) throws Exception {
    List<ColdStart> runs = new ArrayList<>();
    try (ProgressBar progress = ProgressBar.start("cold starts", options.coldStarts())) {
      for (int i = 1; i <= options.coldStarts(); i++) {
        // A fresh emulator each time: nothing warm, no unpacked code, a new JVM.
        try (Emulator emulator = Emulator.start(template, options.settings(), (f, lines) -> {})) {
          long start = System.nanoTime();
          InvokeResult result = emulator.invoke(options.function(), event);
          long untilResponse = System.nanoTime() - start;
          if (result.failed() || !result.coldStart()) {
            throw new IllegalStateException("cold start " + i + " did not succeed: " + result.payloadText());
          }
          Report report = result.awaitLog().report();
          runs.add(new ColdStart(i, untilResponse / 1e6, report.initDurationMs(), report.durationMs(),
              report.billedDurationMs(), report.maxMemoryUsedMb()));
        }
        progress.step();
      }
    }
    return runs;
  }

  /** Round trip, handler Duration and their difference, over the Invoke API. */
  private LatencySummary[] warmOverHttp(InvokeApiServer api, byte[] event, ReportCollector reports) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(
            URI.create(api.endpoint() + "/2015-03-31/functions/" + options.function() + "/invocations"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build();
    LatencyRecorder roundTrip = new LatencyRecorder();
    LatencyRecorder handler = new LatencyRecorder();
    LatencyRecorder overhead = new LatencyRecorder();
    try (ProgressBar progress = ProgressBar.start("warm calls over HTTP", WARMUP_CALLS + options.warmCalls())) {
      for (int i = 0; i < WARMUP_CALLS + options.warmCalls(); i++) {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != 200 || response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
          throw new IllegalStateException("call " + i + " failed: " + response.statusCode() + " "
              + new String(response.body(), StandardCharsets.UTF_8));
        }
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        Report report = reports.await(requestId, REPORT_WAIT);
        if (i >= WARMUP_CALLS) { // the first calls warm up the emulator's own JIT; they are not counted
          record(roundTrip, handler, overhead, elapsed, report);
        }
        progress.step();
      }
    }
    return new LatencySummary[] {roundTrip.summary(), handler.summary(), overhead.summary()};
  }

  private LatencySummary[] warmInProcess(Emulator emulator, byte[] event) throws Exception {
    LatencyRecorder roundTrip = new LatencyRecorder();
    LatencyRecorder handler = new LatencyRecorder();
    LatencyRecorder overhead = new LatencyRecorder();
    try (ProgressBar progress = ProgressBar.start("warm calls in-process", WARMUP_CALLS + options.warmCalls())) {
      for (int i = 0; i < WARMUP_CALLS + options.warmCalls(); i++) {
        long start = System.nanoTime();
        InvokeResult result = emulator.invoke(options.function(), event);
        long elapsed = System.nanoTime() - start;
        if (result.failed()) {
          throw new IllegalStateException("call " + i + " failed: " + result.payloadText());
        }
        Report report = result.awaitLog().report();
        if (i >= WARMUP_CALLS) {
          record(roundTrip, handler, overhead, elapsed, report);
        }
        progress.step();
      }
    }
    return new LatencySummary[] {roundTrip.summary(), handler.summary(), overhead.summary()};
  }

  private static void record(LatencyRecorder roundTrip, LatencyRecorder handler, LatencyRecorder overhead,
      long elapsedNanos, Report report) {
    long handlerNanos = Math.round(report.durationMs() * 1e6);
    roundTrip.record(elapsedNanos);
    handler.record(handlerNanos);
    overhead.record(Math.max(0, elapsedNanos - handlerNanos));
  }

  private Path write(FunctionConfig function, List<ColdStart> colds, Map<String, LatencySummary[]> warm,
      String limits) {
    BenchReport report = BenchReport.create(options.resultsRoot(), "emulator",
        "Emulator: cold start of a trivial java25 handler and overhead per warm invocation");
    report.parameter("function", function.name() + " (" + function.handler() + ")")
        .parameter("runtime", function.runtime())
        .parameter("memoryMb", function.memoryMb())
        .parameter("coldStarts", options.coldStarts())
        .parameter("warmCallsPerPath", options.warmCalls())
        .parameter("warmupCallsPerPath", WARMUP_CALLS)
        .parameter("limits", limits);

    LatencySummary cold = LatencySummary.of(colds.stream().mapToLong(c -> Math.round(c.untilResponseMs() * 1e6)).toArray());
    LatencySummary init = LatencySummary.of(colds.stream().mapToLong(c -> Math.round(c.initMs() * 1e6)).toArray());
    List<List<Object>> coldRows = new ArrayList<>();
    for (ColdStart c : colds) {
      coldRows.add(List.of(c.run(), c.untilResponseMs(), c.initMs(), c.firstInvokeMs(), c.billedMs(), c.maxMemoryMb()));
    }
    report.table("Cold starts (fresh container each, process start to first response)",
        List.of("run", "until response (ms)", "Init Duration (ms)", "first Duration (ms)", "Billed (ms)", "Max Memory Used (MB)"),
        coldRows);
    Map<String, Map<String, Number>> coldBars = new LinkedHashMap<>();
    coldBars.put("Init Duration", new LinkedHashMap<>());
    coldBars.put("first invocation", new LinkedHashMap<>());
    for (ColdStart c : colds) {
      coldBars.get("Init Duration").put("#" + c.run(), c.initMs());
      coldBars.get("first invocation").put("#" + c.run(), c.firstInvokeMs());
    }
    report.barChart("cold-starts.png", "Cold start per run", "run", "ms", coldBars);

    List<List<Object>> warmRows = new ArrayList<>();
    Map<String, List<double[]>> overheadLines = new LinkedHashMap<>();
    for (var entry : warm.entrySet()) {
      String[] names = {"round trip", "handler Duration", "emulator overhead"};
      for (int i = 0; i < 3; i++) {
        LatencySummary s = entry.getValue()[i];
        warmRows.add(List.of(entry.getKey(), names[i], s.p50(), s.p90(), s.p99(), s.max(), s.mean()));
      }
      LatencySummary o = entry.getValue()[2];
      overheadLines.put(entry.getKey(), List.of(new double[] {50, o.p50()}, new double[] {90, o.p90()},
          new double[] {99, o.p99()}, new double[] {99.9, o.p999()}));
    }
    report.table("Warm invocations (" + options.warmCalls() + " per path)",
        List.of("path", "measure", "p50 (ms)", "p90 (ms)", "p99 (ms)", "max (ms)", "mean (ms)"), warmRows);
    report.lineChart("warm-overhead.png", "Emulator overhead per warm invocation", "percentile", "ms",
        overheadLines, false, false);

    Architecture arch = Architecture.fromTemplate(function.architecture());
    double warmBilled = warm.values().iterator().next()[1].mean();
    double coldBilled = colds.stream().mapToLong(ColdStart::billedMs).average().orElse(0);
    report.table("What Lambda would bill (" + arch.templateName() + ", " + function.memoryMb() + " MB)",
        List.of("invocation", "billed (ms)", "USD per million"),
        List.of(List.of("warm", (double) LambdaPricing.billedMs(warmBilled),
                LambdaPricing.costPerMillionInvocations(arch, function.memoryMb(), LambdaPricing.billedMs(warmBilled))),
            List.of("cold (init billed since Aug 2025)", coldBilled,
                LambdaPricing.costPerMillionInvocations(arch, function.memoryMb(), coldBilled))));

    double overheadP50 = warm.get("Invoke API over HTTP")[2].p50();
    String verdict = String.format(Locale.ROOT,
        "Targets: cold start p50 %.1f ms (target < %.0f ms: %s); warm overhead p50 over HTTP %.3f ms (target < %.0f ms: %s).",
        cold.p50(), TARGET_COLD_START_MS, cold.p50() < TARGET_COLD_START_MS ? "met" : "missed",
        overheadP50, TARGET_WARM_OVERHEAD_P50_MS, overheadP50 < TARGET_WARM_OVERHEAD_P50_MS ? "met" : "missed");
    report.note(verdict);
    report.note(String.format(Locale.ROOT, "Init Duration p50 %.1f ms, from the child JVM's start to the runtime "
        + "interface client's first request for an event, with AWS's Java runtime flags (SerialGC, C1 only, "
        + "default CDS archive).", init.p50()));
    report.data("coldStarts", colds);
    report.data("coldStartSummary", cold);
    report.data("warm", warm);
    Path folder = report.write();
    out.println(verdict);
    out.println("Report: " + folder.resolve("report.md"));
    return folder;
  }
}
