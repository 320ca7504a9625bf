package dev.lambdaloom.bench.tourist;

import dev.lambdaloom.bench.Architecture;
import dev.lambdaloom.bench.BenchReport;
import dev.lambdaloom.bench.LambdaPricing;
import dev.lambdaloom.bench.LatencySummary;
import dev.lambdaloom.bench.ReportCollector;
import dev.lambdaloom.emulator.apigateway.ApiGatewayServer;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.Report;
import dev.lambdaloom.services.postgres.Migrator;
import dev.lambdaloom.services.postgres.PostgresServer;
import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.emulator.template.SamTemplate;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code lambdaloom bench tourist}: the tourist API under load through the local API gateway and the
 * emulator, on an embedded PostgreSQL, the way the article measured its Kotlin and Go functions
 * with hey. For each concurrency: a cold run (fresh containers) then a warm run, each reporting
 * round-trip percentiles, throughput and statuses at the client, and from the REPORT lines the
 * handler's Duration per operation, Init Duration, Max Memory Used and what a million requests
 * would cost at 128, 256 and 512 MB.
 */
public final class TouristBenchmark {
  public static final String FUNCTION = "TouristFunction";
  static final double TARGET_GET_P50_MS = 1;
  static final double TARGET_GET_P99_MS = 5;
  static final long TARGET_MAX_MEMORY_MB = 128;
  private static final int[] COST_MEMORY_SIZES = {128, 256, 512};
  private static final Duration REPORT_WAIT = Duration.ofSeconds(30);

  /**
   * @param template the SAM template with the TouristFunction
   * @param migrations the tourist schema's migrations folder
   * @param concurrencies e.g. 1, 10, 50
   * @param requests per run (each concurrency has a cold and a warm run)
   * @param seedTourists rows inserted before the runs, for reads
   */
  public record Options(Path template, Path migrations, List<Integer> concurrencies, int requests, int seedTourists,
      RequestMix mix, Path resultsRoot, EmulatorSettings settings) {}

  /** One run: the client's view and the invocations' REPORTs. */
  record Run(String phase, LoadResult load, List<Report> reports, Map<Operation, LatencySummary> handler) {
    String name() {
      return phase + " c=" + load.concurrency();
    }

    List<Report> coldStarts() {
      return reports.stream().filter(Report::coldStart).toList();
    }

    long maxMemoryUsedMb() {
      return reports.stream().mapToLong(Report::maxMemoryUsedMb).max().orElse(0);
    }

    /** Mean billed duration, init included on cold starts as Lambda bills it. */
    double meanBilledMs() {
      return reports.stream().mapToLong(Report::billedDurationMs).average().orElse(0);
    }
  }

  private final Options options;
  private final PrintStream out;
  private String limits = "";

  public TouristBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public Path run() throws Exception {
    SamTemplate template = SamTemplate.load(options.template());
    FunctionConfig declared = template.function(FUNCTION).orElseThrow(() ->
        new IllegalArgumentException("no " + FUNCTION + " in " + options.template()));
    List<Run> runs = new ArrayList<>();
    try (PostgresServer postgres = PostgresServer.startTemporary()) {
      List<String> ids = prepare(postgres);
      Map<String, String> environment = new LinkedHashMap<>(declared.environment());
      environment.putAll(postgres.environment());
      FunctionConfig function = declared.withEnvironment(environment);
      for (int concurrency : options.concurrencies()) {
        ReportCollector reports = new ReportCollector();
        EmulatorSettings settings = options.settings();
        // A fresh emulator for each concurrency: its first run meets no warm container.
        try (Emulator emulator = new Emulator(List.of(function), settings, reports);
            ApiGatewayServer gateway = ApiGatewayServer.start(emulator, 0)) {
          limits = emulator.limitsDescription();
          LoadGenerator load = new LoadGenerator(URI.create(gateway.endpoint()), ids);
          for (String phase : List.of("cold", "warm")) {
            LoadResult result = load.run(concurrency, options.requests(), options.mix(), concurrency * 31L + phase.length(),
                phase + " c=" + concurrency);
            Run run = collect(phase, result, reports);
            runs.add(run);
            out.println(line(run));
          }
        }
      }
    }
    return write(declared, runs);
  }

  /** Migrates and seeds the database; returns the seeded ids. */
  private List<String> prepare(PostgresServer postgres) throws SQLException {
    try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
      Migrator.of(options.migrations()).migrate(c);
      s.execute("INSERT INTO tourists (id, name, email, nationality) SELECT gen_random_uuid(), 'Seed ' || n, "
          + "'seed' || n || '@example.com', (ARRAY['FR','JP','BR','KE','IN'])[1 + n % 5] FROM generate_series(1, "
          + options.seedTourists() + ") AS n");
      List<String> ids = new ArrayList<>();
      try (ResultSet rows = s.executeQuery("SELECT id FROM tourists")) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      return ids;
    }
  }

  private static Run collect(String phase, LoadResult load, ReportCollector reports) throws InterruptedException {
    List<Report> found = new ArrayList<>();
    Map<Operation, List<Long>> durations = new LinkedHashMap<>();
    for (LoadResult.Invocation invocation : load.invocations()) {
      Report report = reports.await(invocation.lambdaRequestId(), REPORT_WAIT);
      found.add(report);
      durations.computeIfAbsent(invocation.operation(), o -> new ArrayList<>()).add(Math.round(report.durationMs() * 1e6));
    }
    Map<Operation, LatencySummary> handler = new LinkedHashMap<>();
    durations.forEach((operation, nanos) -> handler.put(operation, LatencySummary.of(nanos.stream().mapToLong(Long::longValue).toArray())));
    return new Run(phase, load, found, handler);
  }

  private static String line(Run run) {
    LoadResult l = run.load();
    LatencySummary get = run.handler().get(Operation.GET_BY_ID);
    return String.format(Locale.ROOT, "%-11s %,7.0f req/s  round trip p50 %6.2f p99 %7.2f ms  GET handler p50 %5.2f p99 %6.2f ms"
            + "  cold starts %2d  max memory %3d MB  statuses %s",
        run.name(), l.throughput(), l.latency().p50(), l.latency().p99(), get == null ? 0 : get.p50(),
        get == null ? 0 : get.p99(), run.coldStarts().size(), run.maxMemoryUsedMb(), l.statuses());
  }

  private Path write(FunctionConfig function, List<Run> runs) {
    BenchReport report = BenchReport.create(options.resultsRoot(), "tourist",
        "Tourist API under load: cold and warm, through the local API gateway, on PostgreSQL");
    report.parameter("function", function.name() + " (" + function.handler() + ")")
        .parameter("memoryMb", function.memoryMb())
        .parameter("reservedConcurrency", function.reservedConcurrency())
        .parameter("concurrencies", options.concurrencies().toString())
        .parameter("requestsPerRun", options.requests())
        .parameter("mix", options.mix().toString())
        .parameter("seedTourists", options.seedTourists())
        .parameter("limits", limits);

    List<List<Object>> client = new ArrayList<>();
    for (Run run : runs) {
      LoadResult l = run.load();
      long throttled = l.count(429);
      long ok = l.statuses().entrySet().stream().filter(e -> e.getKey() >= 200 && e.getKey() < 400).mapToLong(Map.Entry::getValue).sum();
      long otherClientErrors = l.statuses().entrySet().stream().filter(e -> e.getKey() >= 400 && e.getKey() < 500 && e.getKey() != 429)
          .mapToLong(Map.Entry::getValue).sum();
      client.add(List.of(run.phase(), l.concurrency(), l.requests(), l.throughput(), ok / Math.max(1e-9, l.wallSeconds()),
          l.latency().p50(), l.latency().p90(),
          l.latency().p99(), l.latency().max(), ok, throttled, otherClientErrors, l.serverErrors()));
    }
    report.table("Client round trips (hey-like, closed loop)", List.of("run", "c", "requests", "req/s", "2xx/3xx per s", "p50 (ms)",
        "p90 (ms)", "p99 (ms)", "max (ms)", "2xx/3xx", "429", "other 4xx", "5xx or failed"), client);

    List<List<Object>> handler = new ArrayList<>();
    for (Run run : runs) {
      run.handler().forEach((operation, s) -> handler.add(List.of(run.name(), operation.label(), s.count(), s.p50(), s.p90(),
          s.p99(), s.max())));
    }
    report.table("Handler Duration from REPORT lines, by operation", List.of("run", "operation", "invocations",
        "p50 (ms)", "p90 (ms)", "p99 (ms)", "max (ms)"), handler);

    List<List<Object>> colds = new ArrayList<>();
    for (Run run : runs) {
      List<Report> c = run.coldStarts();
      if (c.isEmpty()) {
        colds.add(List.of(run.name(), 0, "", "", "", ""));
        continue;
      }
      LatencySummary init = LatencySummary.of(c.stream().mapToLong(r -> Math.round(r.initDurationMs() * 1e6)).toArray());
      LatencySummary total = LatencySummary.of(c.stream().mapToLong(r -> Math.round((r.initDurationMs() + r.durationMs()) * 1e6)).toArray());
      colds.add(List.of(run.name(), c.size(), init.p50(), init.max(), total.p50(), total.max()));
    }
    report.table("Cold starts (Init Duration, and Init Duration + the first invocation's Duration)",
        List.of("run", "cold starts", "Init p50 (ms)", "Init max (ms)", "Init + first p50 (ms)", "Init + first max (ms)"), colds);

    Architecture arch = Architecture.fromTemplate(function.architecture());
    List<List<Object>> costs = new ArrayList<>();
    for (Run run : runs) {
      List<Object> row = new ArrayList<>(List.of(run.name(), run.maxMemoryUsedMb(), run.meanBilledMs()));
      for (int memory : COST_MEMORY_SIZES) {
        row.add(LambdaPricing.costPerMillionInvocations(arch, memory, run.meanBilledMs()));
      }
      costs.add(row);
    }
    report.table("Memory and cost per million requests (" + arch.templateName() + ", mean billed duration of the run)",
        List.of("run", "Max Memory Used (MB)", "mean billed (ms)", "USD/M at 128 MB", "USD/M at 256 MB", "USD/M at 512 MB"), costs);
    report.note("Costs apply the run's billed durations, measured at " + function.memoryMb() + " MB, to each memory size; "
        + "on Lambda the CPU share grows with memory (1,769 MB = 1 vCPU), so durations at 128 MB would be longer "
        + "and at 512 MB shorter. Init is billed on cold starts, as Lambda does since August 2025.");

    Map<String, Map<String, Number>> roundTrips = new LinkedHashMap<>();
    roundTrips.put("p50", new LinkedHashMap<>());
    roundTrips.put("p99", new LinkedHashMap<>());
    Map<String, Map<String, Number>> getHandler = new LinkedHashMap<>();
    getHandler.put("p50", new LinkedHashMap<>());
    getHandler.put("p99", new LinkedHashMap<>());
    for (Run run : runs) {
      roundTrips.get("p50").put(run.name(), run.load().latency().p50());
      roundTrips.get("p99").put(run.name(), run.load().latency().p99());
      LatencySummary get = run.handler().get(Operation.GET_BY_ID);
      if (get != null) {
        getHandler.get("p50").put(run.name(), get.p50());
        getHandler.get("p99").put(run.name(), get.p99());
      }
    }
    report.barChart("round-trips.png", "Round trip at the client", "run", "ms", roundTrips);
    if (!getHandler.get("p50").isEmpty()) {
      report.barChart("get-handler-duration.png", "GET /tourists/{id}: handler Duration (REPORT)", "run", "ms", getHandler);
    }

    List<String> verdicts = verdicts(runs);
    verdicts.forEach(report::note);
    report.data("runs", runs.stream().map(r -> Map.of("phase", r.phase(), "concurrency", r.load().concurrency(),
        "throughput", r.load().throughput(), "latency", r.load().latency(), "byOperation", r.load().byOperation(),
        "statuses", r.load().statuses(), "handler", r.handler(), "maxMemoryUsedMb", r.maxMemoryUsedMb(),
        "coldStarts", r.coldStarts().stream().map(c -> Map.of("initMs", c.initDurationMs(), "firstMs", c.durationMs())).toList()))
        .toList());
    Path folder = report.write();
    verdicts.forEach(out::println);
    out.println("Report: " + folder.resolve("report.md"));
    return folder;
  }

  /**
   * The targets against the figures, one sentence each. The handler target is judged on the
   * warm run at the lowest concurrency: there each container has its CPU share to itself, as a Lambda
   * environment does; at higher concurrencies here, all containers share this machine's cores.
   */
  static List<String> verdicts(List<Run> runs) {
    List<String> lines = new ArrayList<>();
    int lowest = runs.stream().mapToInt(r -> r.load().concurrency()).min().orElse(0);
    List<Long> warmGets = new ArrayList<>();
    runs.stream().filter(r -> r.phase().equals("warm") && r.load().concurrency() == lowest).forEach(r -> {
      for (int i = 0; i < r.reports().size(); i++) {
        if (r.load().invocations().get(i).operation() == Operation.GET_BY_ID) {
          warmGets.add(Math.round(r.reports().get(i).durationMs() * 1e6));
        }
      }
    });
    LatencySummary get = LatencySummary.of(warmGets.stream().mapToLong(Long::longValue).toArray());
    lines.add(String.format(Locale.ROOT, "Target warm GET by id handler Duration (c = %d): p50 %.3f ms (< %.0f ms: %s), "
            + "p99 %.3f ms (< %.0f ms: %s), over %,d warm GETs.", lowest,
        get.p50(), TARGET_GET_P50_MS, get.p50() < TARGET_GET_P50_MS ? "met" : "missed",
        get.p99(), TARGET_GET_P99_MS, get.p99() < TARGET_GET_P99_MS ? "met" : "missed", get.count()));
    long maxMemory = runs.stream().mapToLong(Run::maxMemoryUsedMb).max().orElse(0);
    lines.add(String.format(Locale.ROOT, "Target Max Memory Used under load: %d MB (< %d MB: %s).", maxMemory,
        TARGET_MAX_MEMORY_MB, maxMemory < TARGET_MAX_MEMORY_MB ? "met" : "missed"));
    runs.stream().filter(r -> r.phase().equals("cold") && r.load().concurrency() == lowest && !r.coldStarts().isEmpty())
        .findFirst().ifPresent(r -> {
          Report first = r.coldStarts().getFirst();
          lines.add(String.format(Locale.ROOT, "Cold start alone (c = %d): Init Duration %.0f ms + first request %.0f ms = %.0f ms.",
              lowest, first.initDurationMs(), first.durationMs(), first.initDurationMs() + first.durationMs()));
        });
    List<Report> crowded = runs.stream().filter(r -> r.load().concurrency() > lowest).flatMap(r -> r.coldStarts().stream()).toList();
    if (!crowded.isEmpty()) {
      LatencySummary init = LatencySummary.of(crowded.stream().mapToLong(r -> Math.round(r.initDurationMs() * 1e6)).toArray());
      LatencySummary total = LatencySummary.of(crowded.stream().mapToLong(r -> Math.round((r.initDurationMs() + r.durationMs()) * 1e6)).toArray());
      lines.add(String.format(Locale.ROOT, "Cold starts side by side (c > %d, up to the reserved concurrency starting at once on "
              + "this machine's %d cores): Init p50 %.0f ms, Init + first request p50 %.0f ms (max %.0f ms), over %d cold starts.",
          lowest, Runtime.getRuntime().availableProcessors(), init.p50(), total.p50(), total.max(), crowded.size()));
    }
    int highest = runs.stream().mapToInt(r -> r.load().concurrency()).max().orElse(0);
    long serverErrors = runs.stream().filter(r -> r.load().concurrency() == highest).mapToLong(r -> r.load().serverErrors()).sum();
    long throttles = runs.stream().filter(r -> r.load().concurrency() == highest).mapToLong(r -> r.load().count(429)).sum();
    lines.add(String.format(Locale.ROOT, "Target no 5xx at c = %d: %d 5xx or failed (%s); %d throttled (429) beyond the reserved concurrency.",
        highest, serverErrors, serverErrors == 0 ? "met" : "missed", throttles));
    return lines;
  }

}
