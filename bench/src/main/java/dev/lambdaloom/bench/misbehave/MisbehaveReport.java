package dev.lambdaloom.bench.misbehave;

import dev.lambdaloom.bench.BenchReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Lays out one {@link MisbehaveBenchmark} run in bench-results/misbehave/: a summary row per misbehaviour, every call. */
final class MisbehaveReport {
  static final String EXPERIMENT = "misbehave";
  static final String SUMMARY_TABLE = "What each misbehaviour gets";
  static final String CHART_FILE = "time-to-detect.png";

  private final MisbehaveBenchmark.Options options;
  private final MisbehaveBenchmark.Measured measured;

  MisbehaveReport(MisbehaveBenchmark.Options options, MisbehaveBenchmark.Measured measured) {
    this.options = options;
    this.measured = measured;
  }

  Path write(PrintStream out) {
    BenchReport report = BenchReport.create(options.resultsRoot(), EXPERIMENT,
        "Misbehaving functions: the error, the time to detect it, memory and the next call");
    report.parameter("fixture", options.fixtureZip().getFileName().toString())
        .parameter("memoryMb", options.memoryMb())
        .parameter("timeoutSeconds", options.timeout().toMillis() / 1000.0)
        .parameter("roomyTimeoutSeconds", options.roomyTimeout().toMillis() / 1000.0)
        .parameter("initTimeoutSeconds", options.settings().initTimeout().toMillis() / 1000.0)
        .parameter("repeats", options.repeats())
        .parameter("limits", measured.limits());
    report.note("Each misbehaving call runs on a warm container of the fixture (a hung init on a cold one, as it must),"
        + " and is followed by a plain call: *next call* says whether that call found the same container (warm) or"
        + " needed a new one (cold). *Time to detect* is the caller's wait from the invoke to the error, the median of"
        + " the repeats; *Max Memory Used* is the REPORT line's, the container's peak so far. A hung init is detected"
        + " after the init timeout and then a second init inside the invocation, which runs into the function's"
        + " Timeout, as Lambda retries it; its repeats run at the same time (each in its own emulator), their blocked"
        + " runtimes idle, so their next calls are cold starts side by side. The leaks and the oversized answer run in a"
        + " second function whose Timeout (roomyTimeoutSeconds) leaves room to fill MemorySize or write 7 MB at its CPU"
        + " share, so that they end at the limit they are about, not at the Timeout; the others run with Timeout"
        + " timeoutSeconds. The emulator samples a container's peak memory when its runtime"
        + " asks for an event and when it kills it at a timeout, so two figures fall short of what was used: 0 MB for"
        + " an invocation whose init never finished, and the heap leak's, whose runtime ends the JVM right after"
        + " reporting the OutOfMemoryError, before any sample (the figure is the container's peak before the call).");

    Map<Misbehaviour, List<Observation>> byKind = new TreeMap<>(measured.observations().stream()
        .collect(Collectors.groupingBy(Observation::misbehaviour)));
    List<List<Object>> rows = new ArrayList<>();
    Map<String, Number> detect = new LinkedHashMap<>();
    byKind.forEach((kind, runs) -> {
      double medianDetect = median(runs.stream().mapToDouble(Observation::detectMs).toArray());
      detect.put(kind.label(), medianDetect);
      rows.add(List.of(kind.label(), kind.articleSaw(), distinct(runs, o -> orNone(o.errorType())),
          distinct(runs, o -> orNone(o.errorMessage())), medianDetect,
          Math.round(median(runs.stream().mapToDouble(Observation::maxMemoryUsedMb).toArray())), nextCalls(runs)));
    });
    report.table(SUMMARY_TABLE, List.of("misbehaviour", "what the article saw on Lambda", "error type", "message",
        "time to detect (ms)", "Max Memory Used (MB)", "next call"), rows);
    report.barChart(CHART_FILE, "Time to detect, median of " + options.repeats(), "misbehaviour", "ms",
        Map.of("time to detect", detect));

    List<List<Object>> calls = new ArrayList<>();
    for (Observation o : measured.observations()) {
      calls.add(List.of(o.misbehaviour().label(), o.repeat(), orNone(o.errorType()), o.detectMs(), o.durationMs(),
          o.maxMemoryUsedMb(), o.reportStatus().isEmpty() ? "-" : o.reportStatus(), o.nextCall().label(),
          o.nextCallMs()));
    }
    report.table("Every call", List.of("misbehaviour", "repeat", "error type", "time to detect (ms)",
        "REPORT Duration (ms)", "Max Memory Used (MB)", "REPORT Status", "next call", "next call (ms)"), calls);
    if (!measured.limits().startsWith("cgroup")) {
      report.note("No memory cap on this machine (" + measured.limits() + "): nothing stops the native leak but the"
          + " Timeout, where Lambda would end it as Runtime.OutOfMemory.");
    }
    report.data("observations", measured.observations());
    Path folder = report.write();
    out.println("Report: " + folder.resolve("report.md"));
    return folder;
  }

  private static String orNone(String text) {
    return text == null ? "-" : text;
  }

  /** The repeats' values, once each, in order: one value when they agree. */
  private static String distinct(List<Observation> runs, java.util.function.Function<Observation, String> value) {
    return runs.stream().map(value).filter(Objects::nonNull).distinct().collect(Collectors.joining(" / "));
  }

  /** "cold", or how many of each when the repeats differ ("cold 2, warm 1"). */
  private static String nextCalls(List<Observation> runs) {
    Map<NextCall, Long> counts = new TreeMap<>(runs.stream().collect(Collectors.groupingBy(Observation::nextCall,
        Collectors.counting())));
    if (counts.size() == 1) {
      return counts.keySet().iterator().next().label();
    }
    return counts.entrySet().stream().map(e -> e.getKey().label() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
