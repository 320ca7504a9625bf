package dev.lambdaloom.bench.latency;

import dev.lambdaloom.bench.BenchReport;
import dev.lambdaloom.bench.LatencySummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Lays out one {@link LatencyBenchmark} run: percentiles per leg, histograms (PNG), results.json with every call. */
final class LatencyReport {
  /** The article's share of negative differences between a Lambda function's and an EC2 instance's timestamps. */
  static final double ARTICLE_NEGATIVE_SHARE_EC2 = 4656.0 / 10038;
  /** ... and between two Lambda functions'. */
  static final double ARTICLE_NEGATIVE_SHARE_LAMBDA = 669.0 / 10008;
  /** Histogram buckets' upper bounds in ms; the last bucket is everything above. */
  private static final double[] BUCKETS_MS = {0.25, 0.5, 1, 2, 5, 10, 20, 50, 100};

  private final LatencyBenchmark.Options options;
  private final String limits;
  private final List<ChainRun> runs;

  LatencyReport(LatencyBenchmark.Options options, String limits, List<ChainRun> runs) {
    this.options = options;
    this.limits = limits;
    this.runs = List.copyOf(runs);
  }

  Path write(PrintStream out) {
    BenchReport report = BenchReport.create(options.resultsRoot(), "latency",
        "Invocation latency between two functions, on one clock");
    report.parameter("callsPerType", options.calls())
        .parameter("memorySizesMb", options.memorySizes())
        .parameter("deadlineSeconds", options.deadline().toSeconds())
        .parameter("warmUpCallsPerType", LatencyBenchmark.WARM_UP_CALLS)
        .parameter("limits", limits)
        .parameter("javaToolOptions", LatencyBenchmark.JAVA_TOOL_OPTIONS);
    report.note("Function A (the chain fixture's caller) invokes function B through the emulator's Invoke API on"
        + " loopback with the AWS SDK's LambdaClient (URL connection client), one call at a time; A and B run in"
        + " their own JVMs, at the same MemorySize. A reads the wall clock before each call (*send*) and after its"
        + " answer (*receive*: B's response, or for Event the 202), B at its handler's start and end. An Event call's"
        + " B line is read by A from a file before the next call, so every figure is the path's and none a queue's.");
    report.note("One clock: every timestamp is `Instant.now()` (microseconds) in a JVM on this machine, and each JVM"
        + " reads the same kernel clock (CLOCK_REALTIME), so a difference between two of them is a duration plus the"
        + " clock's resolution, never skew between machines. A difference that could not be negative unless clocks"
        + " disagreed (each leg below: B cannot start before A sends) is counted as negative when below zero.");
    List<List<Object>> rows = new ArrayList<>();
    for (ChainRun run : runs) {
      for (CallType.Leg leg : run.type().legs()) {
        long negative = run.calls().stream().filter(c -> leg.micros(c) < 0).count();
        LatencySummary s = summary(run, leg);
        rows.add(List.of(run.type().invocationType(), run.memoryMb(), leg.label(), run.calls().size(), s.p50(),
            s.p90(), s.p99(), s.max(), negative));
      }
    }
    report.table("Latency per leg (ms), every call of every run",
        List.of("type", "memory (MB)", "leg", "calls", "p50", "p90", "p99", "max", "negative"), rows);
    report.table("Runs", List.of("type", "memory (MB)", "requested", "measured", "failed", "stopped at deadline",
            "negative differences", "B invocations the ledger records as caused by A"),
        runs.stream().map(r -> List.<Object>of(r.type().invocationType(), r.memoryMb(), r.requested(),
            r.calls().size(), r.failed(), r.stoppedAtDeadline() ? "yes" : "no", r.negativeDifferences(),
            r.causedByCaller())).toList());
    long differences = runs.stream().mapToLong(r -> (long) r.calls().size() * r.type().legs().size()).sum();
    long negative = runs.stream().mapToLong(ChainRun::negativeDifferences).sum();
    report.note(String.format(Locale.ROOT, "Against the article: its two-machine experiment (a Go function on Lambda"
            + " timestamping, an EC2 web server timestamping again) found %.2f%% of 10,038 differences negative, and"
            + " %.2f%% between two Python Lambda functions, because each machine's clock drifted on its own and"
            + " Lambda allows no NTP adjustment. Here %,d of %,d differences (%.2f%%) are negative: both ends read one"
            + " clock, so the order of the timestamps is the order of the events. The emulator's ledger does not need"
            + " timestamps to order them at all: each of B's invocations names A's as its cause through the X-Ray trace"
            + " header the SDK passes on (last column of the runs table).", 100 * ARTICLE_NEGATIVE_SHARE_EC2,
        100 * ARTICLE_NEGATIVE_SHARE_LAMBDA, negative, differences,
        differences == 0 ? 0 : 100.0 * negative / differences));
    report.barChart("dispatch-histogram.png", "send -> start (dispatch): calls per latency bucket", "ms", "calls",
        histogram(CallType.Leg.DISPATCH));
    report.barChart("round-trip-histogram.png", "send -> receive (round trip; Event: until the 202): calls per"
        + " latency bucket", "ms", "calls", histogram(CallType.Leg.ROUND_TRIP));
    List<Map<String, Object>> samples = new ArrayList<>();
    for (ChainRun run : runs) {
      Map<String, Object> sample = new LinkedHashMap<>();
      sample.put("type", run.type().invocationType());
      sample.put("memoryMb", run.memoryMb());
      sample.put("failed", run.failed());
      sample.put("stoppedAtDeadline", run.stoppedAtDeadline());
      sample.put("negativeDifferences", run.negativeDifferences());
      sample.put("causedByCaller", run.causedByCaller());
      sample.put("callsSendReceiveStartEndMicros",
          run.calls().stream().map(c -> List.of(c.send(), c.receive(), c.start(), c.end())).toList());
      samples.add(sample);
    }
    report.data("runs", samples);
    Path folder = report.write();
    out.println("Report: " + folder.resolve("report.md"));
    return folder;
  }

  /** The leg's percentiles; a negative difference (none expected) counts as zero here and is counted apart. */
  private static LatencySummary summary(ChainRun run, CallType.Leg leg) {
    return LatencySummary.of(run.calls().stream().mapToLong(c -> Math.max(0, leg.micros(c)) * 1000).toArray());
  }

  private Map<String, Map<String, Number>> histogram(CallType.Leg leg) {
    Map<String, Map<String, Number>> series = new LinkedHashMap<>();
    for (ChainRun run : runs) {
      Map<String, Number> counts = new LinkedHashMap<>();
      for (int i = 0; i <= BUCKETS_MS.length; i++) {
        counts.put(bucketLabel(i), 0);
      }
      for (CallTimes call : run.calls()) {
        double ms = leg.micros(call) / 1000.0;
        int bucket = 0;
        while (bucket < BUCKETS_MS.length && ms > BUCKETS_MS[bucket]) {
          bucket++;
        }
        counts.merge(bucketLabel(bucket), 1, (a, b) -> a.intValue() + b.intValue());
      }
      series.put(run.type().invocationType() + " " + run.memoryMb() + " MB", counts);
    }
    return series;
  }

  private static String bucketLabel(int bucket) {
    if (bucket == BUCKETS_MS.length) {
      return "> " + number(BUCKETS_MS[BUCKETS_MS.length - 1]);
    }
    return "<= " + number(BUCKETS_MS[bucket]);
  }

  private static String number(double ms) {
    return ms == Math.rint(ms) ? Long.toString((long) ms) : Double.toString(ms);
  }
}
