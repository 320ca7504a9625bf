package dev.lambdaloom.bench.s3probe;

import dev.lambdaloom.bench.BenchReport;
import dev.lambdaloom.emulator.LambdaCpu;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Lays out one {@link S3ProbeBenchmark} run: tables, charts (PNG) and the targets, in bench-results/s3probe/. */
final class S3ProbeReport {
  /** The probe's targets: 1,000 x 10 KB at 1,769 MB, the best concurrent option at 64 in flight. */
  static final Dataset TARGET_DATASET = new Dataset(1_000, 10 * 1024);
  static final int TARGET_MEMORY_MB = 1_769;
  static final int TARGET_CONCURRENCY = 64;
  static final double TARGET_RATIO = 10;
  static final double TARGET_SHARE_OF_CEILING = 0.8;
  static final long TARGET_SYNC_ZIP_BYTES = 8L * 1024 * 1024;

  private final S3ProbeBenchmark.Options options;
  private final String server;
  private final String limits;
  private final Map<Dataset, ServerCeiling> ceilings;
  private final List<S3ProbeBenchmark.Run> runs;
  private final List<S3ProbeBenchmark.ColdStart> coldStarts;

  S3ProbeReport(S3ProbeBenchmark.Options options, String server, String limits, Map<Dataset, ServerCeiling> ceilings,
      List<S3ProbeBenchmark.Run> runs, List<S3ProbeBenchmark.ColdStart> coldStarts) {
    this.options = options;
    this.server = server;
    this.limits = limits;
    this.ceilings = ceilings;
    this.runs = runs;
    this.coldStarts = coldStarts;
  }

  Path write(PrintStream out) {
    BenchReport report = BenchReport.create(options.resultsRoot(), "s3probe",
        "S3 probe: sequential vs concurrent GetObject, every client, across memory sizes");
    report.parameter("server", server)
        .parameter("datasets", options.datasets().stream().map(Dataset::label).toList())
        .parameter("clients", options.clients().stream().map(ProbeClientChoice::label).toList())
        .parameter("concurrencies", options.concurrencies())
        .parameter("memorySizesMb", options.memorySizes())
        .parameter("timeoutSeconds", options.timeout().toSeconds())
        .parameter("repeatsPerSetting", options.repeats())
        .parameter("latencyMs", options.latency().toMillis())
        .parameter("limits", limits);
    report.note("Each run is one warm invocation of the probe's zip in the emulator (a container per memory size,"
        + " client and dataset, its first invocation a small warm-up whose Init Duration is the cold-start table's)."
        + " *objects/s* counts whole bodies read and searched over the function's read phase. The server's ceiling"
        + " is the same S3 server read from this JVM at the machine's full CPU by the faster of two unthrottled"
        + " readers (presigned URLs on the JDK's HTTP client; the CRT-based S3 client) at the fastest of the sweep's"
        + " in-flight levels: a run near it is held by the server, not by the function. *x sequential* divides by the"
        + " sequential loop at the same memory size.");
    report.table("The S3 server's ceiling, measured in this run",
        List.of("dataset", "GETs/s", "MB/s", "in flight", "fastest reader"),
        ceilings.entrySet().stream().map(e -> List.<Object>of(e.getKey().label(), e.getValue().getsPerSecond(),
            e.getValue().megabytesPerSecond(), e.getValue().inFlight(), e.getValue().reader())).toList());
    runsTable(report);
    for (int memory : options.memorySizes()) ratioTable(report, memory);
    bestTable(report);
    coldStartTable(report);
    charts(report);
    targets(report);
    report.data("runs", runs).data("coldStarts", coldStarts);
    Path folder = report.write();
    out.println("Report: " + folder.resolve("report.md"));
    return folder;
  }

  private void runsTable(BenchReport report) {
    List<List<Object>> rows = new ArrayList<>();
    for (S3ProbeBenchmark.Run run : runs) {
      Dataset dataset = dataset(run.dataset());
      rows.add(Arrays.asList(run.memoryMb(), run.dataset(), run.client(), run.concurrency(),
          run.read() + " / " + run.objects(), run.failed(), run.notRead(), run.objectsPerSecond(),
          run.megabytesPerSecond(), 100 * run.objectsPerSecond() / ceilings.get(dataset).getsPerSecond(),
          ratio(run).orElse(null), run.p50Ms(), run.p99Ms(), run.durationMs(), run.maxMemoryMb(),
          run.costUsdPer1000Objects(), !run.completed() ? "failed: " + run.error() : run.read() < run.objects() ? "-"
              : run.matches() == run.expectedMatches() ? "yes" : "NO (" + run.matches() + " of "
              + run.expectedMatches() + ")"));
    }
    report.table("Runs (Duration and Max Memory Used from the REPORT lines; cost with Lambda's prices; outcome: the"
            + " matches found are those put, or how the invocation failed)",
        List.of("memory (MB)", "dataset", "client", "in flight", "read", "failed", "not read", "objects/s", "MB/s",
            "% of server ceiling", "x sequential", "p50 (ms)", "p99 (ms)", "duration (ms)", "Max Memory Used (MB)",
            "USD per 1,000 objects", "outcome"),
        rows);
  }

  /** Concurrent over sequential at one memory size: a row per client and concurrency, a column per dataset. */
  private void ratioTable(BenchReport report, int memory) {
    List<String> columns = new ArrayList<>(List.of("client", "in flight"));
    options.datasets().forEach(d -> columns.add(d.label()));
    List<List<Object>> rows = new ArrayList<>();
    for (ProbeClientChoice client : options.clients()) {
      if (client.sequential()) continue;
      for (int concurrency : options.concurrencies()) {
        List<Object> row = new ArrayList<>(List.of(client.label(), concurrency));
        for (Dataset dataset : options.datasets()) {
          row.add(find(memory, dataset, client.label(), concurrency).flatMap(this::ratio).orElse(null));
        }
        rows.add(row);
      }
    }
    List<Object> ceilingRow = new ArrayList<>(List.of("(server ceiling)", "-"));
    for (Dataset dataset : options.datasets()) {
      ceilingRow.add(find(memory, dataset, ProbeClientChoice.SEQUENTIAL.label(), 1)
          .map(s -> ceilings.get(dataset).getsPerSecond() / s.objectsPerSecond()).orElse(null));
    }
    rows.add(ceilingRow);
    report.table(String.format(Locale.ROOT, "Concurrent over sequential at %,d MB (%.2f vCPU): objects/s ratio",
        memory, LambdaCpu.vcpus(memory)), columns, rows);
  }

  /** For each memory size and dataset, the fastest option, and the fastest of each client. */
  private void bestTable(BenchReport report) {
    List<List<Object>> rows = new ArrayList<>();
    for (int memory : options.memorySizes()) {
      for (Dataset dataset : options.datasets()) {
        List<S3ProbeBenchmark.Run> here = runs.stream()
            .filter(r -> r.memoryMb() == memory && r.dataset().equals(dataset.label())).toList();
        Optional<S3ProbeBenchmark.Run> best = here.stream()
            .max(Comparator.comparingDouble(S3ProbeBenchmark.Run::objectsPerSecond));
        if (best.isEmpty()) continue;
        List<Object> row = new ArrayList<>(List.of(memory, dataset.label(),
            best.get().client() + " at " + best.get().concurrency(), best.get().objectsPerSecond()));
        for (ProbeClientChoice client : options.clients()) {
          row.add(here.stream().filter(r -> r.client().equals(client.label()))
              .max(Comparator.comparingDouble(S3ProbeBenchmark.Run::objectsPerSecond))
              .map(r -> String.format(Locale.ROOT, "%,.0f (at %d)", r.objectsPerSecond(), r.concurrency()))
              .orElse("-") + failures(here, client));
        }
        rows.add(row);
      }
    }
    List<String> columns = new ArrayList<>(List.of("memory (MB)", "dataset", "fastest", "its objects/s"));
    options.clients().forEach(c -> columns.add(c.label() + " best objects/s"));
    report.table("Which client at which memory size (fastest run of each)", columns, rows);
  }

  private void coldStartTable(BenchReport report) {
    report.table("Start-up cost of each client (the container's first invocation; zip as deployed)",
        List.of("memory (MB)", "client", "function", "Init Duration (ms)", "Max Memory Used after it (MB)",
            "zip (bytes)"),
        coldStarts.stream().map(c -> List.<Object>of(c.memoryMb(), c.client(), c.function(), c.initMs(),
            c.maxMemoryMb(), c.zipBytes())).toList());
  }

  private void charts(BenchReport report) {
    int largest = options.memorySizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
    int index = 0;
    for (Dataset dataset : options.datasets()) {
      Map<String, List<double[]>> series = new LinkedHashMap<>();
      for (ProbeClientChoice client : options.clients()) {
        List<double[]> points = new ArrayList<>();
        for (int concurrency : client.sequential() ? List.of(1) : options.concurrencies()) {
          find(largest, dataset, client.label(), concurrency).filter(S3ProbeBenchmark.Run::completed)
              .ifPresent(r -> points.add(new double[] {concurrency, Math.max(r.objectsPerSecond(), 0.01)}));
        }
        if (!points.isEmpty()) series.put(client.label(), points);
      }
      List<double[]> ceiling = new ArrayList<>();
      for (int concurrency : options.concurrencies()) {
        ceiling.add(new double[] {concurrency, ceilings.get(dataset).getsPerSecond()});
      }
      series.put("server ceiling", ceiling);
      report.lineChart("objects-per-second-" + ++index + ".png", String.format(Locale.ROOT,
          "%s at %,d MB: objects/s by GETs in flight", dataset.label(), largest), "GETs in flight", "objects/s",
          series, true, true);
    }
    Dataset first = options.datasets().contains(TARGET_DATASET) ? TARGET_DATASET : options.datasets().getFirst();
    int concurrency = options.concurrencies().contains(TARGET_CONCURRENCY) ? TARGET_CONCURRENCY
        : options.concurrencies().getLast();
    Map<String, List<double[]>> byMemory = new LinkedHashMap<>();
    for (ProbeClientChoice client : options.clients()) {
      List<double[]> points = new ArrayList<>();
      for (int memory : options.memorySizes()) {
        find(memory, first, client.label(), client.sequential() ? 1 : concurrency)
            .filter(S3ProbeBenchmark.Run::completed).ifPresent(r -> points.add(new double[] {memory, Math.max(r.objectsPerSecond(), 0.01)}));
      }
      if (!points.isEmpty()) byMemory.put(client.label() + (client.sequential() ? "" : " at " + concurrency), points);
    }
    report.lineChart("objects-per-second-by-memory.png", first.label() + ": objects/s by memory size",
        "MemorySize (MB)", "objects/s", byMemory, true, true);
    Map<String, Map<String, Number>> init = new LinkedHashMap<>();
    for (S3ProbeBenchmark.ColdStart cold : coldStarts) {
      init.computeIfAbsent(cold.memoryMb() + " MB", k -> new LinkedHashMap<>()).put(cold.client(), cold.initMs());
    }
    report.barChart("init-duration.png", "Init Duration by client and memory size", "client", "ms", init);
  }

  private void targets(BenchReport report) {
    List<List<Object>> rows = new ArrayList<>();
    Optional<S3ProbeBenchmark.Run> sequential = find(TARGET_MEMORY_MB, TARGET_DATASET,
        ProbeClientChoice.SEQUENTIAL.label(), 1);
    Optional<S3ProbeBenchmark.Run> best = runs.stream().filter(r -> r.memoryMb() == TARGET_MEMORY_MB
            && r.dataset().equals(TARGET_DATASET.label()) && r.concurrency() == TARGET_CONCURRENCY
            && !r.client().equals(ProbeClientChoice.SEQUENTIAL.label()))
        .max(Comparator.comparingDouble(S3ProbeBenchmark.Run::objectsPerSecond));
    ServerCeiling ceiling = ceilings.get(TARGET_DATASET);
    if (sequential.isPresent() && best.isPresent() && ceiling != null) {
      double ratio = best.get().objectsPerSecond() / sequential.get().objectsPerSecond();
      double share = best.get().objectsPerSecond() / ceiling.getsPerSecond();
      rows.add(List.of(String.format(Locale.ROOT, "%s at %,d MB: the best concurrent option at %d in flight >= %.0f x"
              + " sequential, or >= %.0f%% of the server's ceiling", TARGET_DATASET.label(), TARGET_MEMORY_MB,
              TARGET_CONCURRENCY, TARGET_RATIO, 100 * TARGET_SHARE_OF_CEILING),
          String.format(Locale.ROOT, "%s: %,.0f objects/s = %.1f x sequential (%,.0f), %.0f%% of %,.0f GETs/s",
              best.get().client(), best.get().objectsPerSecond(), ratio, sequential.get().objectsPerSecond(),
              100 * share, ceiling.getsPerSecond()),
          ratio >= TARGET_RATIO || share >= TARGET_SHARE_OF_CEILING ? "met" : "missed"));
    } else {
      rows.add(List.of("the best concurrent option at 1,769 MB, 1,000 x 10 KB, 64 in flight", "not in this run", "-"));
    }
    coldStarts.stream().filter(c -> c.function().equals(ProbeClientChoice.SEQUENTIAL.function())).findFirst()
        .ifPresent(c -> rows.add(List.of("the synchronous client's zip < 8 MB",
            String.format(Locale.ROOT, "%,d bytes", c.zipBytes()),
            c.zipBytes() > 0 && c.zipBytes() < TARGET_SYNC_ZIP_BYTES ? "met" : "missed")));
    report.table("Targets", List.of("target", "measured", "verdict"), rows);
  }

  /** ", failed at 256 (Runtime.OutOfMemory)" for the runs of {@code client} that failed, else nothing. */
  private static String failures(List<S3ProbeBenchmark.Run> runs, ProbeClientChoice client) {
    List<String> failed = runs.stream().filter(r -> r.client().equals(client.label()) && !r.completed())
        .map(r -> r.concurrency() + " (" + r.error() + ")").toList();
    return failed.isEmpty() ? "" : "; failed at " + String.join(", ", failed);
  }

  private Optional<Double> ratio(S3ProbeBenchmark.Run run) {
    if (!run.completed()) return Optional.empty();
    return find(run.memoryMb(), dataset(run.dataset()), ProbeClientChoice.SEQUENTIAL.label(), 1)
        .filter(s -> s.objectsPerSecond() > 0).map(s -> run.objectsPerSecond() / s.objectsPerSecond());
  }

  private Optional<S3ProbeBenchmark.Run> find(int memory, Dataset dataset, String client, int concurrency) {
    return runs.stream().filter(r -> r.memoryMb() == memory && r.dataset().equals(dataset.label())
        && r.client().equals(client) && r.concurrency() == concurrency).findFirst();
  }

  private Dataset dataset(String label) {
    return options.datasets().stream().filter(d -> d.label().equals(label)).findFirst().orElseThrow();
  }
}
