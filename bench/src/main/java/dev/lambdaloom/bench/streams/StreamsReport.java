package dev.lambdaloom.bench.streams;

import dev.lambdaloom.bench.BenchReport;
import dev.lambdaloom.bench.LatencySummary;
import dev.lambdaloom.emulator.events.StreamMapping;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Lays out one {@link StreamsBenchmark} run: tables, a chart per source and the targets, in bench-results/streams/. */
final class StreamsReport {
  static final double TARGET_SHARE_OF_CEILING = 0.8;
  static final double TARGET_OVERHEAD_P50_MS = 2;
  static final double TARGET_LATENCY_P50_MS = 500;
  /** A run whose lanes are busier than this is held by its invocations, not by reading. */
  private static final double BUSY_LANES = 0.7;

  private final StreamsOptions options;
  private final List<SourceRuns> sources;
  private final String limits;
  private final int containers;
  private final String loadBefore;
  private final String loadAfter;

  StreamsReport(StreamsOptions options, List<SourceRuns> sources, String limits, int containers, String loadBefore,
      String loadAfter) {
    this.options = options;
    this.sources = sources;
    this.limits = limits;
    this.containers = containers;
    this.loadBefore = loadBefore;
    this.loadAfter = loadAfter;
  }

  Path write(PrintStream out) {
    BenchReport report = BenchReport.create(options.resultsRoot(), "streams",
        "Stream event source mappings: throughput, overhead per batch, latency and order, Kinesis and DynamoDB Streams");
    report.parameter("sources", sources.stream().map(s -> s.source() + ": " + s.server()).toList())
        .parameter("batchSizes", options.batchSizes())
        .parameter("parallelizationFactors", options.parallelization())
        .parameter("recordsPerRun", sources.stream().map(s -> s.source() + " " + s.records()).toList())
        .parameter("partitionKeys", options.keys())
        .parameter("function", StreamsBenchmark.FUNCTION + ": bench-fixtures/streams, reads its input and answers {},"
            + " " + options.memoryMb() + " MB, " + containers + " containers warm before any run")
        .parameter("maximumBatchingWindowSeconds", 0)
        .parameter("idlePollMs", StreamMapping.DEFAULT_IDLE_POLL.toMillis())
        .parameter("latencyLoad", options.latencyRate() + " records/s for " + options.latencyWriting().toSeconds()
            + " s")
        .parameter("deadlinePerRunSeconds", options.deadline().toSeconds())
        .parameter("limits", limits)
        .parameter("loadAverageBefore", loadBefore)
        .parameter("loadAverageAfter", loadAfter);
    report.note("Each throughput run is a new mapping (no checkpoint) reading, from TRIM_HORIZON, the same records"
        + " written before any run (" + options.keys() + " partition keys, each key's records one after another),"
        + " until every record is done; *records/s* is records done over the time from the mapping's start to the"
        + " last one done. The *read ceiling* is the same stream read in the same run by one thread per shard in a"
        + " tight GetRecords loop through the emulator's own source reader (records turned into Lambda's JSON too),"
        + " at the mapping's records per GetRecords (BatchSize, at least 100, at most the source's limit), timed to"
        + " the last record read: what the mapping would do if its invocations cost nothing. It is the fastest of"
        + " every pass at that page size in this run (two when the page size is first measured, one right before"
        + " each run), so a busy moment of the machine does not lower it. *Lanes busy* is the time lanes spent from a batch"
        + " gathered to its invocation returned, over lanes x run time: near 100% the invocations hold the mapping"
        + " back, and *lane bound* (lanes x records per call / mean time per call) is what they allow. The machine's"
        + " load average (parameters) is other people's work too: every figure is slower for it.");
    throughputTable(report);
    overheadTable(report);
    latencyTable(report);
    deliveryTable(report);
    ceilingTable(report);
    charts(report);
    targets(report);
    report.data("sources", sources);
    Path folder = report.write();
    out.println("Report: " + folder.resolve("report.md"));
    return folder;
  }

  private void throughputTable(BenchReport report) {
    List<List<Object>> rows = new ArrayList<>();
    for (SourceRuns source : sources) {
      for (ThroughputRun run : source.runs()) {
        rows.add(Arrays.asList(source.source(), run.shape().batchSize(), run.shape().parallelizationFactor(),
            run.lanes(), run.done() + (run.finished() ? "" : " (deadline)"), run.seconds(), run.recordsPerSecond(),
            run.ceiling().recordsPerSecond(), 100 * run.shareOfCeiling(), run.costs().invocations(),
            run.costs().recordsPerInvocation(), 100 * run.lanesBusy(), laneBound(run), why(run)));
      }
    }
    report.table("Throughput beside the source's read ceiling",
        List.of("source", "BatchSize", "PF", "lanes", "records done", "seconds", "records/s", "read ceiling (records/s)",
            "% of ceiling", "invocations", "records per invocation", "lanes busy (%)", "lane bound (records/s)",
            "what holds it"),
        rows);
  }

  /** Records/s the lanes could do invoking back to back at the run's mean records and time per call. */
  private static double laneBound(ThroughputRun run) {
    BatchCosts costs = run.costs();
    if (costs.invocations() == 0) {
      return 0;
    }
    double secondsPerCall = costs.busySeconds() / costs.invocations();
    return run.lanes() * costs.recordsPerInvocation() / secondsPerCall;
  }

  private static String why(ThroughputRun run) {
    if (!run.finished()) {
      return "cut by the deadline";
    }
    if (run.shareOfCeiling() >= TARGET_SHARE_OF_CEILING) {
      return "the source (>= " + percent(TARGET_SHARE_OF_CEILING) + " of its ceiling)";
    }
    BatchCosts costs = run.costs();
    double msPerCall = 1000 * costs.busySeconds() / Math.max(1, costs.invocations());
    if (run.lanesBusy() >= BUSY_LANES) {
      return String.format(Locale.ROOT, "the invocations: %d lanes busy %s, %.1f ms per call of %.0f records"
              + " (Duration p50 %.2f ms, mapping overhead p50 %.2f ms)", run.lanes(), percent(run.lanesBusy()),
          msPerCall, costs.recordsPerInvocation(), costs.duration().p50(), costs.overhead().p50());
    }
    return String.format(Locale.ROOT, "the mapping between invocations: lanes idle %s of the run (reading, dealing"
            + " to lanes, checkpointing, waiting for a CPU on a busy machine); %.1f ms per call of %.0f records when"
            + " busy", percent(1 - run.lanesBusy()), msPerCall, costs.recordsPerInvocation());
  }

  private void overheadTable(BenchReport report) {
    List<List<Object>> rows = new ArrayList<>();
    for (SourceRuns source : sources) {
      for (ThroughputRun run : source.runs()) {
        BatchCosts costs = run.costs();
        rows.add(Arrays.asList(source.source(), run.shape().batchSize(), run.shape().parallelizationFactor(),
            costs.invocations(), costs.recordsPerInvocation(), costs.preparing().p50(), costs.preparing().p99(),
            costs.invokeOverhead().p50(), costs.invokeOverhead().p99(), costs.overhead().p50(),
            costs.overhead().p99(), costs.duration().p50(), costs.duration().p99(),
            costs.overhead().p50() < TARGET_OVERHEAD_P50_MS ? "met" : "missed"));
      }
    }
    report.note("Mapping overhead per batch, from the mapping's observer and each invocation's REPORT line:"
        + " *payload* is from the batch gathered in its lane to the invoke call (writing the Records payload out);"
        + " *invoke minus Duration* is the invoke call's round trip minus the function's Duration (the emulator"
        + " finding a warm container, handing the event to the runtime, taking its answer back); *overhead* is their"
        + " sum per batch. Not in it: the wait in the lane before the batch is gathered and the read before that"
        + " (those are in the latency). Duration is the function's own, from the REPORT line. Target: overhead"
        + " p50 < " + TARGET_OVERHEAD_P50_MS + " ms.");
    report.table("Mapping overhead per batch (ms)",
        List.of("source", "BatchSize", "PF", "invocations", "records per invocation", "payload p50", "payload p99",
            "invoke minus Duration p50", "invoke minus Duration p99", "overhead p50", "overhead p99",
            "function Duration p50", "function Duration p99", "overhead target"),
        rows);
  }

  private void latencyTable(BenchReport report) {
    List<List<Object>> rows = new ArrayList<>();
    for (SourceRuns source : sources) {
      LatencyRun run = source.latency();
      LatencySummary latency = run.latency();
      rows.add(Arrays.asList(source.source(), run.shape().batchSize(), run.shape().parallelizationFactor(),
          run.ratePerSecond(), run.written(), run.written() / run.writeSeconds(), latency.count(), latency.p50(),
          latency.p90(), latency.p99(), latency.max(), run.writes().p50(), run.writes().p99(), run.fromAnswer().p50(),
          run.fromAnswer().p99(), run.storeBusy() < 0 ? "-" : String.format(Locale.ROOT, "%.0f%%",
              100 * run.storeBusy()), run.idlePoll().toMillis(), latencyVerdict(run)));
    }
    report.note("Write-to-processed latency with MaximumBatchingWindowInSeconds 0: a mapping already reading an"
        + " empty stream, then records (each its own key) written at a steady rate, each write sent on its own"
        + " thread at its planned instant; a record's latency runs from just before its write was sent (the"
        + " writer's clock; Kinesis: matched by the sequence number PutRecord answered, DynamoDB: by the item's"
        + " key) to the mapping reporting it done, after its invocation returned. A reader that finds its shard"
        + " empty waits " + StreamMapping.DEFAULT_IDLE_POLL.toMillis() + " ms (StreamMapping.DEFAULT_IDLE_POLL)"
        + " before it reads again: at a modest rate most reads come up empty, so a record waits up to that long to"
        + " be read, about half of it on average. *Write itself* is the write call's own time, sent to answered,"
        + " the source's part of the latency; *answered to done* is the rest, the mapping's part (from the moment the"
        + " record is in the stream). *Store thread busy* is the CPU time of DynamoDB Local's one SQLite thread over"
        + " the phase: every write and every stream read waits its turn on it, so near 100% that thread holds the"
        + " records back; well below it while *written records/s* falls short of the planned rate, the server's"
        + " request handling is (its writes pile up, and a record counts from its write being sent). Target (on p50, and on answered to done when the source's own writes fall"
        + " behind the planned rate, as DynamoDB Local's do when the machine is busy): p50 < "
        + (int) TARGET_LATENCY_P50_MS + " ms.");
    report.table("Write-to-processed latency (ms)",
        List.of("source", "BatchSize", "PF", "planned records/s", "records", "written records/s", "done",
            "p50", "p90", "p99", "max", "write itself p50", "write itself p99", "answered to done p50",
            "answered to done p99", "store thread busy", "idle poll", "p50 target"),
        rows);
  }

  /** Met when sent-to-done p50 is under the target, or answered-to-done p50 is when the writes themselves lag. */
  private static String latencyVerdict(LatencyRun run) {
    if (run.latency().p50() < TARGET_LATENCY_P50_MS) {
      return "met";
    }
    return run.fromAnswer().p50() < TARGET_LATENCY_P50_MS ? "met from the answer (writes lag)" : "missed";
  }

  private void deliveryTable(BenchReport report) {
    List<List<Object>> rows = new ArrayList<>();
    for (SourceRuns source : sources) {
      for (ThroughputRun run : source.runs()) {
        rows.add(deliveryRow(source.source(), "BatchSize " + run.shape().batchSize() + ", PF "
            + run.shape().parallelizationFactor(), run.delivery(), run.costs().failed()));
      }
      rows.add(deliveryRow(source.source(), "latency phase", source.latency().delivery(), 0));
    }
    report.table("Each record done once, in order per key (from the records the mapping reported done; every count"
            + " but written, done and keys must be 0)",
        List.of("source", "run", "written", "done", "keys", "lost", "done twice or more", "out of order per key",
            "not written", "function errors"),
        rows);
  }

  private static List<Object> deliveryRow(String source, String run, DeliveryCheck check, int functionErrors) {
    return List.of(source, run, check.written(), check.done(), check.keys(), check.lost(), check.duplicated(),
        check.outOfOrder(), check.unknown(), functionErrors);
  }

  private void ceilingTable(BenchReport report) {
    List<List<Object>> rows = new ArrayList<>();
    for (SourceRuns source : sources) {
      source.ceilings().forEach((perRead, ceiling) -> rows.add(List.of(source.source(), source.shards(), perRead,
          ceiling.records(), ceiling.seconds(), ceiling.recordsPerSecond())));
    }
    report.table("The sources' read ceilings, measured in this run (records written before: "
            + String.join(", ", sources.stream().map(s -> String.format(Locale.ROOT, "%s %,d in %.1f s", s.source(),
                s.records(), s.writeSeconds())).toList()) + ")",
        List.of("source", "shards", "records per GetRecords", "records", "seconds", "records/s"), rows);
  }

  private void charts(BenchReport report) {
    for (SourceRuns source : sources) {
      Map<String, List<double[]>> series = new LinkedHashMap<>();
      for (int batchSize : options.batchSizes()) {
        List<double[]> points = new ArrayList<>();
        source.runs().stream().filter(r -> r.shape().batchSize() == batchSize && r.done() > 0)
            .forEach(r -> points.add(new double[] {r.shape().parallelizationFactor(), r.recordsPerSecond()}));
        if (!points.isEmpty()) {
          series.put("BatchSize " + batchSize, points);
        }
      }
      int lowest = options.parallelization().stream().mapToInt(Integer::intValue).min().orElseThrow();
      int highest = options.parallelization().stream().mapToInt(Integer::intValue).max().orElseThrow();
      source.ceilings().forEach((perRead, ceiling) -> series.put(String.format(Locale.ROOT,
          "read ceiling, %,d per GetRecords", perRead), List.of(new double[] {lowest, ceiling.recordsPerSecond()},
          new double[] {highest == lowest ? lowest + 1 : highest, ceiling.recordsPerSecond()})));
      report.lineChart("throughput-" + source.source().toLowerCase(Locale.ROOT) + ".png", source.source()
              + ": records/s by ParallelizationFactor, " + source.shards() + " shard(s)", "ParallelizationFactor",
          "records/s", series, false, true);
    }
  }

  private void targets(BenchReport report) {
    List<List<Object>> rows = new ArrayList<>();
    for (SourceRuns source : sources) {
      ThroughputRun best = source.runs().stream().max(Comparator.comparingDouble(ThroughputRun::shareOfCeiling))
          .orElseThrow();
      long meeting = source.runs().stream().filter(r -> r.shareOfCeiling() >= TARGET_SHARE_OF_CEILING).count();
      rows.add(List.of(source.source() + ": throughput >= " + percent(TARGET_SHARE_OF_CEILING)
              + " of the read ceiling",
          String.format(Locale.ROOT, "best %s (BatchSize %d, PF %d: %,.0f of %,.0f records/s); %d of %d runs"
                  + " reach it", percent(best.shareOfCeiling()), best.shape().batchSize(),
              best.shape().parallelizationFactor(), best.recordsPerSecond(), best.ceiling().recordsPerSecond(),
              meeting, source.runs().size()),
          meeting == source.runs().size() ? "met" : meeting > 0 ? "met by some runs" : "missed"));
      double worstOverhead = source.runs().stream().mapToDouble(r -> r.costs().overhead().p50()).max().orElse(0);
      rows.add(List.of(source.source() + ": mapping overhead per batch p50 < " + TARGET_OVERHEAD_P50_MS + " ms",
          String.format(Locale.ROOT, "at most %.2f ms over the runs", worstOverhead),
          worstOverhead < TARGET_OVERHEAD_P50_MS ? "met" : "missed"));
      LatencySummary latency = source.latency().latency();
      rows.add(List.of(source.source() + ": write-to-processed p50 < " + (int) TARGET_LATENCY_P50_MS + " ms",
          String.format(Locale.ROOT, "sent to done p50 %.1f ms, p99 %.1f ms; answered to done p50 %.1f ms, p99 %.1f"
                  + " ms (the write itself p50 %.1f ms)", latency.p50(), latency.p99(),
              source.latency().fromAnswer().p50(), source.latency().fromAnswer().p99(),
              source.latency().writes().p50()),
          latencyVerdict(source.latency())));
      long faults = source.runs().stream().mapToLong(r -> faults(r.delivery()) + r.costs().failed()).sum()
          + faults(source.latency().delivery());
      rows.add(List.of(source.source() + ": no record lost, none done twice, each key in order",
          faults + " faults over " + (source.runs().size() + 1) + " runs", faults == 0 ? "met" : "missed"));
    }
    report.table("Targets", List.of("target", "measured", "verdict"), rows);
  }

  private static long faults(DeliveryCheck check) {
    return check.lost() + check.duplicated() + check.outOfOrder() + check.unknown();
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }
}
