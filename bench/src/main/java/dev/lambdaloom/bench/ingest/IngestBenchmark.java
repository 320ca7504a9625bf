package dev.lambdaloom.bench.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.bench.Architecture;
import dev.lambdaloom.bench.BenchReport;
import dev.lambdaloom.bench.LambdaPricing;
import dev.lambdaloom.bench.MachineCpu;
import dev.lambdaloom.bench.ProgressBar;
import dev.lambdaloom.bench.ReportCollector;
import dev.lambdaloom.functions.ingest.ParquetOptions;
import dev.lambdaloom.functions.ingest.PartSink;
import dev.lambdaloom.functions.ingest.ReadingsParquetWriter;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LambdaCpu;
import dev.lambdaloom.emulator.Report;
import dev.lambdaloom.services.iot.IotApiSimulator;
import dev.lambdaloom.services.s3.S3Server;
import dev.lambdaloom.readingformat.Reading;
import dev.lambdaloom.readingformat.ReadingParser;
import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.emulator.template.SamTemplate;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code lambdaloom bench ingest}: the data factory through the emulator, against the IoT API
 * simulator and the embedded S3, in one run: a concurrency sweep (1, the sequential baseline, to
 * 1,024) at each memory size, the CPU path (0 ms latency, and in-process on one core), and a long run
 * to show memory staying flat. Figures are written, not asserted.
 */
public final class IngestBenchmark {
  public static final String FUNCTION = "IngestFunction";
  private static final String BUCKET = "bench";
  private static final Duration REPORT_WAIT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The targets. */
  static final double TARGET_CPU_MB_PER_CORE = 100;
  static final long TARGET_MAX_MEMORY_MB = 256;
  /** The function's default in-flight requests, at which the latency, CPU path and long runs are made. */
  static final int DEFAULT_CONCURRENCY = 256;
  static final long TARGET_ZIP_BYTES = 20L * 1024 * 1024;

  /**
   * @param template the SAM template with IngestFunction (with any --env-vars overrides applied)
   * @param resultsRoot where bench-results go
   * @param settings the emulator's settings
   * @param documents documents of the main runs (the sequential baseline and c = 16 run fewer: see
   *     {@link #documentsFor})
   * @param latency the simulator's latency for the sweep
   * @param concurrencies the sweep
   * @param memorySizes MemorySize of each sweep
   * @param longRunDocuments documents of the long run (0 to skip)
   * @param longRunMemoryMb its MemorySize
   */
  public record Options(SamTemplate template, Path resultsRoot, EmulatorSettings settings, int documents, Duration latency,
      List<Integer> concurrencies, List<Integer> memorySizes, int longRunDocuments, int longRunMemoryMb) {}

  /** One invocation's figures. */
  record Run(String scenario, int memoryMb, int concurrency, int documents, double latencyMs, double wallMs,
      double durationMs, Double initMs, long billedMs, long maxMemoryMb, long valid, long rejected, long failed,
      long retried, double docsPerSecond, double jsonMbPerSecond, double costUsd, double machineBusy) {}

  private final Options options;
  private final PrintStream out;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public IngestBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** The sequential baseline costs latency x documents: it runs a smaller batch, and docs/s compare. */
  int documentsFor(int concurrency) {
    return concurrency == 1 ? Math.min(options.documents(), 400)
        : concurrency <= 16 ? Math.min(options.documents(), 2_000) : options.documents();
  }

  public Path run() throws Exception {
    FunctionConfig declared = options.template().function(FUNCTION).orElseThrow(() ->
        new IllegalArgumentException("no " + FUNCTION + " in " + options.template().file()));
    List<Run> runs = new ArrayList<>();
    Map<Integer, Double> initByMemory = new LinkedHashMap<>();
    double documentBytes;
    List<CpuPath> cpuPaths;
    try (S3Server s3 = S3Server.start(S3Server.Options.defaults().withInitialBuckets(BUCKET));
        IotApiSimulator slow = IotApiSimulator.start(IotApiSimulator.Options.builder().seed(1)
            .latency(options.latency(), Duration.ZERO).build());
        IotApiSimulator fast = IotApiSimulator.start(IotApiSimulator.Options.builder().seed(2).build())) {
      documentBytes = averageDocumentBytes(fast);
      cpuPaths = inProcessCpuPath(fast);
      for (int memory : options.memorySizes()) {
        FunctionConfig function = declared.withMemoryMb(memory);
        for (int concurrency : options.concurrencies()) {
          runs.add(print(measure(function, s3, "sweep", slow, options.latency().toMillis(), documentsFor(concurrency),
              concurrency, documentBytes, initByMemory)));
        }
        runs.add(print(measure(function, s3, "cpu path", fast, 0, options.documents(), DEFAULT_CONCURRENCY, documentBytes,
            initByMemory)));
      }
      if (options.longRunDocuments() > 0) {
        runs.add(print(measure(declared.withMemoryMb(options.longRunMemoryMb()), s3, "long run", slow,
            options.latency().toMillis(), options.longRunDocuments(), DEFAULT_CONCURRENCY, documentBytes, initByMemory)));
      }
    }
    return write(declared, runs, initByMemory, limits, documentBytes, cpuPaths);
  }

  /** How the emulator applies Lambda's memory and CPU limits here, as the last emulator said. */
  private String limits;

  /**
   * One run in a container of its own (Max Memory Used is a container's peak, so an earlier run
   * must not count), after a small warm-up invocation in the same container (so the run is warm).
   */
  private Run measure(FunctionConfig function, S3Server s3, String scenario, IotApiSimulator api, double latencyMs,
      int documents, int concurrency, double documentBytes, Map<Integer, Double> initByMemory) throws Exception {
    try (Emulator emulator = emulator(function, s3, scenario.replace(' ', '-') + "-" + function.memoryMb() + "-c"
        + concurrency)) {
      limits = emulator.limitsDescription();
      Run warmup = invoke(emulator, "warm-up", api, latencyMs, 300, Math.min(concurrency, 64), documentBytes, function);
      initByMemory.putIfAbsent(function.memoryMb(), warmup.initMs());
      return invoke(emulator, scenario, api, latencyMs, documents, concurrency, documentBytes, function);
    }
  }

  private Emulator emulator(FunctionConfig function, S3Server s3, String name) {
    Map<String, String> environment = new LinkedHashMap<>(function.environment());
    environment.put("AWS_ENDPOINT_URL_S3", s3.endpoint());
    environment.put("READINGS_BUCKET", BUCKET);
    return new Emulator(List.of(function.withEnvironment(environment)), options.settings(),
        new ReportCollector());
  }

  private Run invoke(Emulator emulator, String scenario, IotApiSimulator api, double latencyMs, int documents,
      int concurrency, double documentBytes, FunctionConfig declared) throws Exception {
    String urlTemplate = api.urlTemplate().replace("{device}", "bench").replace("{seq}", "{id}");
    String event = "{\"urlTemplate\":\"" + urlTemplate + "\",\"range\":{\"from\":0,\"to\":" + documents + "},"
        + "\"concurrency\":" + concurrency + ",\"keyPrefix\":\"bench/\"}";
    MachineCpu cpuBefore = MachineCpu.now();
    long start = System.nanoTime();
    InvokeResult result = emulator.invoke(FUNCTION, event.getBytes(StandardCharsets.UTF_8));
    double wallMs = (System.nanoTime() - start) / 1e6;
    double machineBusy = MachineCpu.now().busyShareSince(cpuBefore);
    Report report = result.log().get(REPORT_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).report();
    if (result.failed()) {
      throw new IllegalStateException(scenario + " at c=" + concurrency + " failed: " + result.payloadText());
    }
    JsonNode body = JSON.readTree(result.payload());
    long rejected = 0;
    for (JsonNode n : body.get("rejected")) {
      rejected += n.asLong();
    }
    int memory = report.memorySizeMb();
    double seconds = report.durationMs() / 1000;
    Architecture arch = Architecture.fromTemplate(declared.architecture());
    return new Run(scenario, memory, concurrency, documents, latencyMs, wallMs, report.durationMs(),
        report.initDurationMs(), report.billedDurationMs(), report.maxMemoryUsedMb(), body.get("valid").asLong(), rejected,
        body.get("failed").get("count").asLong(), body.get("retried").asLong(), documents / seconds,
        documents * documentBytes / 1e6 / seconds, LambdaPricing.costUsd(arch, memory, report.billedDurationMs(), 1),
        machineBusy);
  }

  private Run print(Run run) {
    out.printf(Locale.ROOT, "%-8s %5d MB  c=%-5d %,7d docs  %7.2f s  %,8.0f docs/s  %6.1f MB/s  max memory %4d MB%n",
        run.scenario(), run.memoryMb(), run.concurrency(), run.documents(), run.durationMs() / 1000,
        run.docsPerSecond(), run.jsonMbPerSecond(), run.maxMemoryMb());
    return run;
  }

  private double averageDocumentBytes(IotApiSimulator api) throws Exception {
    long total = 0;
    for (int i = 0; i < 20; i++) {
      total += fetch(api, i).length;
    }
    return total / 20.0;
  }

  private byte[] fetch(IotApiSimulator api, long seq) throws Exception {
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(api.url("bench", seq))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    return response.body();
  }

  /** The CPU path's speed for one Parquet layout. */
  record CpuPath(String writerVersion, String compression, double jsonMbPerSecond, long parquetBytes) {}

  /**
   * Parse, validate and write Parquet on one thread in this JVM, from documents already in memory:
   * the CPU cost per document without HTTP, in MB of JSON per second per core, for each page format
   * and pure-Java codec the function offers.
   */
  private List<CpuPath> inProcessCpuPath(IotApiSimulator api) throws Exception {
    List<byte[]> documents = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      documents.add(fetch(api, i));
    }
    ReadingParser parser = new ReadingParser();
    List<CpuPath> results = new ArrayList<>();
    List<ParquetOptions> layouts = new ArrayList<>();
    for (ParquetOptions.WriterVersion version : ParquetOptions.WriterVersion.values()) {
      for (ParquetOptions.Compression compression : ParquetOptions.Compression.values()) {
        layouts.add(ParquetOptions.DEFAULT.withWriterVersion(version).withCompression(compression));
      }
    }
    try (ProgressBar progress = ProgressBar.start("in-process CPU path", layouts.size())) {
      for (ParquetOptions layout : layouts) {
        double best = 0;
        long[] written = {0};
        for (int round = 0; round < 5; round++) { // the first rounds warm the JIT up; the best round counts
          written[0] = 0;
          PartSink counting = new PartSink() {
            @Override
            public void part(int partNumber, byte[] bytes, int length) {
              written[0] += length;
            }

            @Override
            public void complete() {}

            @Override
            public void abort() {}
          };
          long start = System.nanoTime();
          long bytes = 0;
          try (ReadingsParquetWriter writer = ReadingsParquetWriter.toParts(counting, PartSink.DEFAULT_PART_BYTES,
              layout)) {
            for (byte[] document : documents) {
              if (parser.parse(document) instanceof Reading reading) {
                writer.write(reading);
              }
              bytes += document.length;
            }
            writer.finish();
          }
          best = Math.max(best, bytes / 1e6 / ((System.nanoTime() - start) / 1e9));
        }
        results.add(new CpuPath(layout.writerVersion().name(), layout.compression().name(), best, written[0]));
        progress.step();
      }
    }
    return results;
  }

  private Path write(FunctionConfig function, List<Run> runs, Map<Integer, Double> initByMemory, String limits,
      double documentBytes, List<CpuPath> cpuPaths) throws Exception {
    BenchReport report = BenchReport.create(options.resultsRoot(), "ingest",
        "Data factory: concurrent GETs, streaming validation, Parquet to S3");
    long zipBytes = Files.isRegularFile(function.codeUri()) ? Files.size(function.codeUri()) : -1;
    report.parameter("function", function.name() + " (" + function.handler() + ")")
        .parameter("deploymentZipBytes", zipBytes)
        .parameter("documents", options.documents())
        .parameter("valuesPerDocument", 1000)
        .parameter("meanDocumentBytes", Math.round(documentBytes))
        .parameter("latencyMs", options.latency().toMillis())
        .parameter("concurrencies", options.concurrencies())
        .parameter("memorySizesMb", options.memorySizes())
        .parameter("javaToolOptions", function.environment().getOrDefault("JAVA_TOOL_OPTIONS", ""))
        .parameter("limits", limits);

    List<List<Object>> rows = new ArrayList<>();
    Map<String, List<double[]>> throughput = new LinkedHashMap<>();
    Map<String, Map<String, Number>> memoryBars = new LinkedHashMap<>();
    for (Run run : runs) {
      Run baseline = runs.stream().filter(r -> r.scenario().equals("sweep") && r.memoryMb() == run.memoryMb()
          && r.concurrency() == 1).findFirst().orElse(null);
      Double speedup = baseline == null || !run.scenario().equals("sweep") ? null
          : run.docsPerSecond() / baseline.docsPerSecond();
      rows.add(java.util.Arrays.asList(run.scenario(), run.memoryMb(), run.concurrency(), run.documents(),
          run.latencyMs(), run.durationMs() / 1000, run.docsPerSecond(), run.jsonMbPerSecond(), speedup,
          run.maxMemoryMb(), run.billedMs(), run.costUsd(), run.costUsd() / run.documents() * 10_000,
          run.machineBusy() * 100, run.valid() + run.rejected() + run.failed() == run.documents() ? "yes" : "NO"));
      if (run.scenario().equals("sweep")) {
        throughput.computeIfAbsent(run.memoryMb() + " MB", k -> new ArrayList<>())
            .add(new double[] {run.concurrency(), run.docsPerSecond()});
      }
      memoryBars.computeIfAbsent("Max Memory Used", k -> new LinkedHashMap<>())
          .put(run.scenario() + " " + run.memoryMb() + "MB c" + run.concurrency(), run.maxMemoryMb());
    }
    report.table("Runs (Duration and memory from the REPORT lines; cost with Lambda's x86 prices)",
        List.of("scenario", "memory (MB)", "concurrency", "documents", "latency (ms)", "duration (s)", "docs/s",
            "JSON MB/s", "speedup vs c=1", "Max Memory Used (MB)", "billed (ms)", "USD per run", "USD per 10k docs",
            "machine CPU busy (%)", "all accounted"),
        rows);
    report.lineChart("throughput.png", "Documents per second by concurrency (" + options.latency().toMillis()
        + " ms latency)", "concurrency", "documents/s", throughput, true, true);
    report.barChart("memory.png", "Max Memory Used per run", "run", "MB", memoryBars);
    List<List<Object>> inits = new ArrayList<>();
    initByMemory.forEach((memory, init) -> inits.add(List.of(memory, init)));
    report.table("Cold start (Init Duration of the warm-up invocation)", List.of("memory (MB)", "Init Duration (ms)"),
        inits);
    List<List<Object>> layouts = new ArrayList<>();
    for (CpuPath path : cpuPaths) {
      layouts.add(List.of(path.writerVersion(), path.compression(), path.jsonMbPerSecond(),
          path.parquetBytes() / 1e6));
    }
    report.table("CPU path in-process, one core: parse + validate + Parquet for 2,000 documents (bench JVM, C2)",
        List.of("pages", "codec", "JSON MB/s", "Parquet MB"), layouts);
    ParquetOptions configured = ParquetOptions.DEFAULT; // what the function writes when the event says nothing
    double defaultSpeed = cpuPaths.stream().filter(p -> p.writerVersion().equals(configured.writerVersion().name())
        && p.compression().equals(configured.compression().name())).mapToDouble(CpuPath::jsonMbPerSecond)
        .findFirst().orElse(0);
    targets(report, runs, zipBytes, defaultSpeed, configured);
    report.data("runs", runs);
    Path folder = report.write();
    out.println("Report: " + folder.resolve("report.md"));
    return folder;
  }

  private void targets(BenchReport report, List<Run> runs, long zipBytes, double inProcessMbPerSecond,
      ParquetOptions layout) {
    List<List<Object>> rows = new ArrayList<>();
    for (int memory : options.memorySizes()) {
      Run c256 = find(runs, "sweep", memory, 256);
      Run cpu = find(runs, "cpu path", memory, 256);
      if (c256 != null && cpu != null) {
        double latencyBound = options.documents() * options.latency().toMillis() / 256.0 / 1000;
        double bound = 2 * latencyBound + cpu.durationMs() / 1000;
        rows.add(List.of(memory + " MB: " + options.documents() + " docs at c=256 within 2 x latency bound + CPU path",
            String.format(Locale.ROOT, "%.2f s <= 2 x %.2f + %.2f = %.2f s", c256.durationMs() / 1000, latencyBound,
                cpu.durationMs() / 1000, bound), c256.durationMs() / 1000 <= bound ? "met" : "missed"));
      }
      if (cpu != null) {
        rows.add(List.of(memory + " MB: CPU path end to end (HTTP + parse + Parquet + S3) per vCPU",
            String.format(Locale.ROOT, "%.1f MB/s at %.2f vCPU = %.1f MB/s per vCPU", cpu.jsonMbPerSecond(),
                LambdaCpu.vcpus(memory), cpu.jsonMbPerSecond() / LambdaCpu.vcpus(memory)), "-"));
      }
      for (int c : List.of(16, 64)) {
        Run run = find(runs, "sweep", memory, c);
        Run base = find(runs, "sweep", memory, 1);
        if (run != null && base != null) {
          double speedup = run.docsPerSecond() / base.docsPerSecond();
          // The CPU path (no latency at all) is as fast as this memory size's CPU share goes: no concurrency beats it.
          Double ceiling = cpu == null ? null : cpu.docsPerSecond() / base.docsPerSecond();
          boolean met = speedup >= 0.8 * c;
          rows.add(List.of(memory + " MB: speedup at c=" + c + " >= 0.8 x " + c,
              String.format(Locale.ROOT, "%.1f x (CPU-path ceiling %s; machine CPU %.0f%% busy)", speedup,
                  ceiling == null ? "-" : String.format(Locale.ROOT, "%.1f x", ceiling), run.machineBusy() * 100),
              met ? "met" : ceiling != null && ceiling < 0.8 * c ? "missed: CPU-bound at "
                  + String.format(Locale.ROOT, "%.2f", LambdaCpu.vcpus(memory)) + " vCPU" : "missed"));
        }
      }
    }
    rows.add(List.of("CPU path in-process (parse + validate + Parquet " + layout.writerVersion() + " "
            + layout.compression() + ", one core)",
        String.format(Locale.ROOT, "%.1f MB/s", inProcessMbPerSecond),
        inProcessMbPerSecond >= TARGET_CPU_MB_PER_CORE ? "met" : "missed"));
    // The target is about document counts (10,000 and the long run) at the function's default concurrency;
    // wider sweeps hold more bodies and connections at once, so they are shown beside it, not judged.
    long atDefault = runs.stream().filter(r -> r.concurrency() == DEFAULT_CONCURRENCY)
        .mapToLong(Run::maxMemoryMb).max().orElse(0);
    rows.add(List.of("Max Memory Used < " + TARGET_MAX_MEMORY_MB + " MB at c=" + DEFAULT_CONCURRENCY
            + " (the default), 10,000 documents and the long run", atDefault + " MB",
        atDefault > 0 && atDefault < TARGET_MAX_MEMORY_MB ? "met" : "missed"));
    runs.stream().max(Comparator.comparingLong(Run::maxMemoryMb)).ifPresent(worst -> rows.add(List.of(
        "Max Memory Used, highest of all runs", String.format(Locale.ROOT, "%d MB (%s, %d MB, c=%d)",
            worst.maxMemoryMb(), worst.scenario(), worst.memoryMb(), worst.concurrency()), "-")));
    rows.add(List.of("Deployment zip <= 20 MB", String.format(Locale.ROOT, "%,d bytes", zipBytes),
        zipBytes > 0 && zipBytes <= TARGET_ZIP_BYTES ? "met" : "missed"));
    report.table("Targets", List.of("target", "measured", "verdict"), rows);
  }

  private static Run find(List<Run> runs, String scenario, int memory, int concurrency) {
    return runs.stream().filter(r -> r.scenario().equals(scenario) && r.memoryMb() == memory
        && r.concurrency() == concurrency).findFirst().orElse(null);
  }
}
