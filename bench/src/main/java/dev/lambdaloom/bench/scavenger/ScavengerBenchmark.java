package dev.lambdaloom.bench.scavenger;

import dev.lambdaloom.bench.Architecture;
import dev.lambdaloom.bench.BenchReport;
import dev.lambdaloom.bench.LambdaPricing;
import dev.lambdaloom.bench.MachineCpu;
import dev.lambdaloom.bench.ProgressBar;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import dev.lambdaloom.services.dynamodb.SeedPlan;
import dev.lambdaloom.services.dynamodb.SeedSummary;
import dev.lambdaloom.services.dynamodb.WorkerTableSeeder;
import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.emulator.template.SamTemplate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * {@code lambdaloom bench scavenger}: the article's experiment on DynamoDB Local in one run. For each setting
 * (scan segments x deletes in flight, sequential 1 x 1 first) a fresh table of the article's shape is seeded and the
 * real scavenger zip runs through the emulator, resumed until done; then the table is checked. Items per second,
 * requests, duration, billed duration and cost at the article's memory sizes; then the delete designs compared at
 * the fastest setting.
 */
public final class ScavengerBenchmark {
  /** The issue's target: the best parallel setting deletes at least this many times faster than 1 x 1. */
  static final double TARGET_SPEEDUP = 5;
  static final List<Integer> ARTICLE_MEMORY_SIZES = List.of(128, 512, 1_024, 2_048);
  static final String TABLE = SeedPlan.DEFAULT_TABLE;
  static final String ITEM = "item";
  private static final int MAX_INVOCATIONS = 1_000;
  /** What the article's function deleted: "all but about 3,300" of "approximately 130,000" items. */
  private static final double ARTICLE_DELETED = 130_000 - 3_300;

  /** Scan segments (one reader each) x delete requests in flight. */
  public record Setting(int segments, int deletesInFlight) {
    public static final List<Setting> ISSUE_GRID = List.of(new Setting(1, 1), new Setting(10, 10),
        new Setting(20, 10), new Setting(50, 20), new Setting(100, 100));

    public Setting {
      if (segments < 1 || deletesInFlight < 1) throw new IllegalArgumentException("a setting needs positive numbers");
    }

    /** {@code 10x20}: 10 segments, 20 deletes in flight. */
    public static Setting parse(String text) {
      String[] parts = text.strip().toLowerCase(Locale.ROOT).split("x");
      try {
        if (parts.length == 2) return new Setting(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
      } catch (NumberFormatException e) {
        // below
      }
      throw new IllegalArgumentException("a setting is SEGMENTSxDELETES, e.g. 10x20, not '" + text + "'");
    }

    public String label() {
      return segments + "x" + deletesInFlight;
    }

    boolean sequential() {
      return segments == 1 && deletesInFlight == 1;
    }
  }

  /**
   * @param template the SAM template with the scavenger
   * @param function its logical id
   * @param items well-formed records per table (the article: about 130,000)
   * @param expiredShare the share that is expired and completed
   * @param malformed extra records the scavenger must skip
   * @param grid the settings to run, the sequential baseline among them
   * @param memoryMb the function's memory size for every run
   * @param deleteMode the scavenger's delete design for the grid (batch, transact, item)
   * @param articleBaseline first run the article's sequential design: 1 x 1 with one DeleteItem per item
   * @param compareDesigns also run the other delete designs at the fastest setting
   * @param resultsRoot where bench-results go
   * @param settings the emulator's settings
   */
  public record Options(Path template, String function, int items, double expiredShare, int malformed,
      List<Setting> grid, int memoryMb, String deleteMode, boolean articleBaseline, boolean compareDesigns,
      Path resultsRoot, EmulatorSettings settings) {
    public Options {
      grid = List.copyOf(grid);
      if (grid.isEmpty()) throw new IllegalArgumentException("no settings to run");
    }
  }

  /** One setting's run to the end and what the table looked like after it. */
  record Run(Setting setting, String deleteMode, SeedSummary seeded, ScavengerLoop.Outcome outcome, long survivors,
      boolean correct, double machineBusy, double storeBusy) {
    String label() {
      return setting.label() + " " + deleteMode;
    }

    double requestsPerDeleted() {
      long deleted = outcome.total("deleted");
      return deleted == 0 ? 0 : (double) outcome.deleteRequests() / deleted;
    }
  }

  private final Options options;
  private final PrintStream out;
  private String limits = "";

  public ScavengerBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Runs the experiment and writes its report; returns the folder. */
  public Path run() throws Exception {
    FunctionConfig function = SamTemplate.load(options.template()).function(options.function()).orElseThrow(() ->
        new IllegalArgumentException("no function " + options.function() + " in " + options.template()));
    List<Run> runs = new ArrayList<>();
    List<Run> designs = new ArrayList<>();
    try (DynamoDbLocal dynamo = DynamoDbLocal.start()) {
      Map<String, String> environment = new LinkedHashMap<>(function.environment());
      environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
      environment.put("TABLE_NAME", TABLE);
      FunctionConfig config = function.withEnvironment(environment)
          .withMemoryMb(options.memoryMb())
          .withTimeout(Duration.ofMinutes(15))
          .withReservedConcurrency(1);
      int index = 0;
      if (options.articleBaseline() && !options.deleteMode().equals(ITEM)) {
        // The article's sequential run: one reader, one DeleteItem at a time (here with its condition).
        runs.add(measure(dynamo, config, new Setting(1, 1), ITEM, index++));
      }
      for (Setting setting : options.grid()) {
        runs.add(measure(dynamo, config, setting, options.deleteMode(), index++));
      }
      Run fastest = runs.stream().filter(r -> r.deleteMode().equals(options.deleteMode()))
          .max(Comparator.comparingDouble(r -> r.outcome().itemsPerSecond())).orElseThrow();
      if (options.compareDesigns()) {
        for (String mode : List.of("batch", "transact", "item")) {
          designs.add(mode.equals(options.deleteMode()) ? fastest
              : measure(dynamo, config, fastest.setting(), mode, index++));
        }
      }
    }
    return write(function, runs, designs, limits);
  }

  private Run measure(DynamoDbLocal dynamo, FunctionConfig config, Setting setting, String mode, int index)
      throws Exception {
    SeedPlan plan = SeedPlan.article(TABLE).withItems(options.items()).withExpiredShare(options.expiredShare())
        .withMalformed(options.malformed());
    WorkerTableSeeder seeder = new WorkerTableSeeder(dynamo.client(), 8);
    seeder.recreateTable(TABLE);
    SeedSummary seeded;
    try (ProgressBar bar = ProgressBar.start("seed " + setting.label() + " " + mode, plan.total())) {
      seeded = seeder.seed(plan, bar::advance);
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("totalSegments", setting.segments());
    event.put("deletesInFlight", setting.deletesInFlight());
    event.put("deleteMode", mode);
    ScavengerLoop.Outcome outcome;
    MachineCpu before = MachineCpu.now();
    long storeCpuBefore = dynamo.storeCpuNanos();
    long wallBefore = System.nanoTime();
    EmulatorSettings settings = options.settings();
    // A new emulator per run: each setting starts cold, as a first invocation on AWS would.
    try (Emulator emulator = new Emulator(List.of(config), settings, LogSink.discard());
        ProgressBar bar = ProgressBar.start("scavenge " + setting.label() + " " + mode, plan.expired())) {
      limits = emulator.limitsDescription();
      outcome = new ScavengerLoop(emulator, config.name(), MAX_INVOCATIONS)
          .run(event, step -> bar.advance(step.count("deleted")));
    }
    double machineBusy = MachineCpu.now().busyShareSince(before);
    long storeCpu = dynamo.storeCpuNanos() - storeCpuBefore;
    double storeBusy = storeCpuBefore < 0 || storeCpu < 0 ? Double.NaN
        : (double) storeCpu / (System.nanoTime() - wallBefore);
    long survivors = count(dynamo.client());
    boolean correct = survivors == plan.survivors() && outcome.total("deleted") == plan.expired()
        && outcome.total("skipped") >= plan.malformed();
    Run run = new Run(setting, mode, seeded, outcome, survivors, correct, machineBusy, storeBusy);
    out.printf(Locale.ROOT, "%-8s %-8s %,9d deleted in %,7.1f s of function time (%,6.0f items/s), %d invocation(s), "
            + "%,d requests, machine CPU %.0f%% busy, DynamoDB Local's SQLite thread %.0f%% busy, table %s%n",
        setting.label(), mode, outcome.total("deleted"), outcome.durationMs() / 1000, outcome.itemsPerSecond(),
        outcome.invocations(), outcome.requests(), machineBusy * 100, storeBusy * 100, correct ? "correct" : "WRONG");
    return run;
  }

  private static long count(DynamoDbClient client) {
    long count = 0;
    for (var page : client.scanPaginator(b -> b.tableName(TABLE).select(Select.COUNT))) {
      count += page.count();
    }
    return count;
  }

  private Path write(FunctionConfig function, List<Run> runs, List<Run> designs, String limits) {
    BenchReport report = BenchReport.create(options.resultsRoot(), "scavenger",
        "Scavenger: parallel segmented scan and conditional batch deletes on DynamoDB Local, the article's table");
    Architecture arch = Architecture.fromTemplate(function.architecture());
    SeedPlan plan = SeedPlan.article(TABLE).withItems(options.items()).withExpiredShare(options.expiredShare())
        .withMalformed(options.malformed());
    report.parameter("function", function.name() + " (" + function.handler() + ")")
        .parameter("items", options.items())
        .parameter("expired (to delete)", plan.expired())
        .parameter("survivors (kept + malformed)", plan.survivors())
        .parameter("memoryMb", options.memoryMb())
        .parameter("deleteMode", options.deleteMode())
        .parameter("grid (segments x deletes in flight)", options.grid().stream().map(Setting::label).toList())
        .parameter("limits", limits);

    List<List<Object>> rows = new ArrayList<>();
    Map<String, Number> speed = new LinkedHashMap<>();
    for (Run r : runs) {
      ScavengerLoop.Outcome o = r.outcome();
      rows.add(List.of(r.setting().label(), r.deleteMode(), o.invocations(), o.total("deleted"), o.itemsPerSecond(),
          o.durationMs() / 1000, o.billedMs() / 1000.0, o.requests(), o.deleteRequests(), r.requestsPerDeleted(),
          o.total("throttled"), o.maxMemoryUsedMb(), r.machineBusy() * 100, r.storeBusy() * 100,
          r.correct() ? "yes" : "NO"));
      speed.put(r.label(), o.itemsPerSecond());
    }
    report.table("Runs (" + options.memoryMb() + " MB)",
        List.of("segments x deletes", "delete mode", "invocations", "deleted", "items/s", "duration (s)",
            "billed (s)", "requests", "delete requests", "delete requests per item", "throttled", "max memory (MB)",
            "machine CPU busy (%)", "DynamoDB Local SQLite thread busy (%)", "table correct"), rows);
    report.barChart("items-per-second.png", "Items deleted per second of function time", "segments x deletes, mode",
        "items/s", Map.of("scavenger", speed));

    List<List<Object>> costRows = new ArrayList<>();
    Map<String, Map<String, Number>> costBars = new LinkedHashMap<>();
    for (Run r : runs) {
      List<Object> row = new ArrayList<>(List.of(r.setting().label(), r.deleteMode(), r.outcome().billedMs() / 1000.0));
      for (int memory : ARTICLE_MEMORY_SIZES) {
        double cost = LambdaPricing.costUsd(arch, memory, r.outcome().billedMs(), r.outcome().invocations());
        row.add(cost);
        costBars.computeIfAbsent(memory + " MB", k -> new LinkedHashMap<>()).put(r.label(), cost);
      }
      costRows.add(row);
    }
    List<String> costColumns = new ArrayList<>(List.of("segments x deletes", "delete mode", "billed (s)"));
    ARTICLE_MEMORY_SIZES.forEach(m -> costColumns.add("USD at " + m + " MB"));
    report.table("Lambda cost of the whole clean-up (" + arch.templateName() + ")", costColumns, costRows);
    report.note("Billed duration as measured at " + options.memoryMb() + " MB; the other columns price the same "
        + "duration at the article's memory sizes. Where the emulator shares CPU like Lambda (see limits), a smaller "
        + "size would run slower than this.");
    report.barChart("cost.png", "Cost of the clean-up at each memory size", "segments x deletes, mode", "USD",
        costBars);

    List<List<Object>> article = new ArrayList<>();
    Object[][] rowsOfArticle = {
        {128, 1, 1, 1_965_719L, 0.004128}, {512, 10, 10, 701_119L, 0.005819}, {1_024, 20, 10, 366_121L, 0.006114},
        {1_024, 50, 20, 381_811L, 0.006376}, {1_024, 100, 100, 412_897L, 0.006895},
        {2_048, 100, 50, 210_355L, 0.007005}, {2_048, 100, 100, 189_998L, 0.006327}};
    for (Object[] a : rowsOfArticle) {
      long billed = (Long) a[3];
      article.add(List.of(a[0], a[2], a[1], billed / 1000.0, ARTICLE_DELETED / (billed / 1000.0), a[4]));
    }
    report.table("The article's runs (Go, DeleteItem per item, AWS, eu-west-1): the bar to beat",
        List.of("memory (MB)", "readers (segments)", "deletes in flight", "billed (s)", "items/s", "USD"), article);

    if (!designs.isEmpty()) {
      List<List<Object>> designRows = new ArrayList<>();
      for (Run r : designs) {
        int batch = switch (r.deleteMode()) {
          case "transact" -> 100;
          case "item" -> 1;
          default -> 25;
        };
        designRows.add(List.of(r.deleteMode(), r.setting().label(), batch, r.outcome().deleteRequests(),
            r.requestsPerDeleted(), r.outcome().itemsPerSecond(), r.deleteMode().equals("transact") ? 2 : 1,
            r.correct() ? "yes" : "NO"));
      }
      report.table("Delete designs at the fastest setting (every delete conditional on the scanned values)",
          List.of("delete mode", "segments x deletes", "items per request", "delete requests",
              "delete requests per item", "items/s", "WCU per item", "table correct"), designRows);
    }

    Run articleSequential = runs.stream()
        .filter(r -> r.setting().sequential() && r.deleteMode().equals(ITEM)).findFirst().orElse(null);
    Run sequential = runs.stream()
        .filter(r -> r.setting().sequential() && r.deleteMode().equals(options.deleteMode())).findFirst().orElse(null);
    Run best = runs.stream().filter(r -> !r.setting().sequential() && r.deleteMode().equals(options.deleteMode()))
        .max(Comparator.comparingDouble(r -> r.outcome().itemsPerSecond())).orElse(null);
    List<String> verdicts = new ArrayList<>();
    if (best != null) {
      for (Run baseline : java.util.Arrays.asList(articleSequential, sequential)) {
        if (baseline == null) continue;
        double speedup = best.outcome().itemsPerSecond() / baseline.outcome().itemsPerSecond();
        verdicts.add(String.format(Locale.ROOT, "Best parallel (%s %s) %,.0f items/s vs sequential 1x1 %s %,.0f "
                + "items/s: %.1fx (target >= %.0fx: %s).", best.setting().label(), best.deleteMode(),
            best.outcome().itemsPerSecond(), baseline.deleteMode().equals(ITEM)
                ? "with the article's one DeleteItem per item" : "with the same " + baseline.deleteMode() + " deletes",
            baseline.outcome().itemsPerSecond(), speedup, TARGET_SPEEDUP,
            speedup >= TARGET_SPEEDUP ? "met" : "missed"));
      }
      verdicts.add(String.format(Locale.ROOT, "Delete requests per deleted item: %.3f (the article: 1).",
          best.requestsPerDeleted()));
    }
    String verdict = verdicts.isEmpty()
        ? "Target: needs the sequential 1x1 setting and a parallel one in the grid to compare."
        : "Targets: " + String.join(" ", verdicts);
    boolean allCorrect = runs.stream().allMatch(Run::correct) && designs.stream().allMatch(Run::correct);
    report.note(verdict);
    if (sequential != null && sequential.storeBusy() > 0) {
      report.note(String.format(Locale.ROOT, "DynamoDB Local runs every table operation on one SQLite thread. The "
              + "sequential %s run kept that thread %.0f%% busy%s, so on this server no setting can delete more than "
              + "about %.1fx faster than it, whatever its concurrency; the machine's processors were %.0f%% busy. "
              + "DynamoDB itself spreads a table over partitions, which is where the parallel settings gain.",
          sequential.label(), sequential.storeBusy() * 100, best == null ? "" : String.format(Locale.ROOT,
              " (the best parallel run, %s: %.0f%%)", best.label(), best.storeBusy() * 100),
          1 / sequential.storeBusy(), sequential.machineBusy() * 100));
    }
    report.note("DynamoDB Local runs in this JVM and the function in a child JVM, on the same "
        + Runtime.getRuntime().availableProcessors() + " processors. On DynamoDB itself the latency of each request, "
        + "which the parallel settings hide, is what the sequential run pays for.");
    report.note(allCorrect ? "Every run left exactly the expected items: the survivors counted by a full scan."
        : "**A run left the table wrong**: see the table correct column.");
    report.data("runs", runs.stream().map(ScavengerBenchmark::data).toList());
    report.data("designs", designs.stream().map(ScavengerBenchmark::data).toList());
    Path folder = report.write();
    out.println(verdict);
    out.println("Report: " + folder.resolve("report.md"));
    if (!allCorrect) throw new IllegalStateException("a scavenger run left the table wrong; see " + folder);
    return folder;
  }

  private static Map<String, Object> data(Run r) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("setting", r.setting().label());
    d.put("deleteMode", r.deleteMode());
    d.put("seeded", r.seeded().describe());
    d.put("survivors", r.survivors());
    d.put("correct", r.correct());
    d.put("machineCpuBusy", r.machineBusy());
    d.put("dynamoDbLocalSqliteThreadBusy", r.storeBusy());
    d.put("durationMs", r.outcome().durationMs());
    d.put("billedMs", r.outcome().billedMs());
    d.put("wallClockMs", r.outcome().wallClock().toMillis());
    d.put("invocations", r.outcome().steps().stream().map(s -> {
      Map<String, Object> step = new LinkedHashMap<>(s.response());
      step.put("report", s.report().line());
      return step;
    }).toList());
    return d;
  }
}
