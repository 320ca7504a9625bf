package dev.lambdaloom.bench.streams;

import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.fixtures.streams.DiscardingBatchHandler;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * {@code lambdaloom bench streams}: stream event source mappings of the emulator on the local Kinesis server and on
 * DynamoDB Local, invoking a function that answers at once, for every BatchSize and ParallelizationFactor asked:
 * throughput beside the source's own read ceiling measured in the same run, the mapping's overhead per batch, the
 * write-to-processed latency at a steady rate, and whether every record was done once and in order per key. Figures
 * are written, not asserted; {@link StreamsReport} lays them out.
 */
public final class StreamsBenchmark {
  static final String FUNCTION = "StreamsBenchFunction";
  private static final String THROUGHPUT_STREAM = "throughput";
  private static final String LATENCY_STREAM = "latency";
  private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(30);
  /** New containers per warm-up round. */
  private static final int WARM_UP_STEP = 8;
  /** Long enough that every call of a round has found its container before the first warm one is free again. */
  private static final Duration WARM_UP_HOLD = Duration.ofSeconds(1);
  /** Rounds beyond the planned ones, for containers a round did not start (a call that found one coming free). */
  private static final int WARM_UP_EXTRA_ROUNDS = 2;

  /** What a run measured, and where its report is. */
  public record Result(List<SourceRuns> sources, Path folder) {}

  private final StreamsOptions options;
  private final PrintStream out;

  public StreamsBenchmark(StreamsOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public Result run() throws Exception {
    String loadBefore = LoadAverage.read();
    List<StreamBackend> backends = new ArrayList<>();
    List<SourceRuns> results = new ArrayList<>();
    String limits;
    int containers;
    try {
      Map<SourceChoice, Prepared> prepared = new LinkedHashMap<>();
      for (SourceChoice source : options.sources()) {
        StreamBackend backend = start(source);
        backends.add(backend);
        prepared.put(source, prepare(source, backend));
      }
      int maxShards = prepared.values().stream().mapToInt(Prepared::shards).max().orElseThrow();
      int maxFactor = options.parallelization().stream().mapToInt(Integer::intValue).max().orElseThrow();
      containers = maxShards * maxFactor;
      FunctionConfig function = new FunctionConfig(FUNCTION, DiscardingBatchHandler.class.getName() + "::handleRequest",
          "java25", options.fixtureZip().toAbsolutePath(), options.memoryMb(), FUNCTION_TIMEOUT, Map.of(), containers,
          "x86_64", 0, Map.of());
      try (Emulator emulator = new Emulator(List.of(function), options.settings(), LogSink.discard())) {
        limits = emulator.limitsDescription();
        warmUp(emulator, containers);
        MappingStarter starter = new MappingStarter((name, payload, cause) -> emulator.invoke(name, payload), FUNCTION,
            "arn:aws:lambda:us-east-1:123456789012:function:" + FUNCTION, LogSink.printTo(out, false));
        for (Map.Entry<SourceChoice, Prepared> entry : prepared.entrySet()) {
          results.add(measure(entry.getKey(), entry.getValue(), starter));
        }
      }
    } finally {
      closeAll(backends);
    }
    Path folder = new StreamsReport(options, results, limits, containers, loadBefore, LoadAverage.read()).write(out);
    return new Result(List.copyOf(results), folder);
  }

  private StreamBackend start(SourceChoice source) {
    return switch (source) {
      case KINESIS -> KinesisBackend.start(options.kinesisShards());
      case DYNAMODB -> DynamoDbBackend.start();
    };
  }

  /** A source's throughput stream, written, with its read ceilings. */
  private record Prepared(StreamBackend backend, BenchStream stream, List<String> written, double writeSeconds,
      int shards, Map<Integer, ReadCeiling> ceilings) {}

  private Prepared prepare(SourceChoice source, StreamBackend backend) throws InterruptedException {
    BenchStream stream = BenchStream.create(backend, THROUGHPUT_STREAM);
    long start = System.nanoTime();
    List<String> written = backend.writeRecords(stream.name(), options.records(source), options.keys());
    double writeSeconds = (System.nanoTime() - start) / 1e9;
    int shards = stream.source().shardIds().size();
    out.printf(Locale.ROOT, "%-8s %,d records over %,d keys written in %.1f s (%,.0f/s), %d shards; %s%n",
        source.label(), written.size(), options.keys(), writeSeconds, written.size() / writeSeconds, shards,
        backend.describe());
    Map<Integer, ReadCeiling> ceilings = new TreeMap<>();
    List<Integer> pageSizes = new ArrayList<>();
    options.batchSizes().forEach(b -> pageSizes.add(new MappingShape(b, 1).recordsPerRead(backend.maxRecordsPerRead())));
    pageSizes.add(backend.maxRecordsPerRead());
    for (int perRead : pageSizes) {
      if (!ceilings.containsKey(perRead)) {
        ReadCeiling ceiling = ReadCeiling.measure(stream.source(), perRead, written.size());
        ceilings.put(perRead, ceiling);
        out.printf(Locale.ROOT, "%-8s read ceiling at %,5d per GetRecords: %,9.0f records/s%n", source.label(),
            perRead, ceiling.recordsPerSecond());
      }
    }
    return new Prepared(backend, stream, written, writeSeconds, shards, ceilings);
  }

  private SourceRuns measure(SourceChoice source, Prepared prepared, MappingStarter starter)
      throws InterruptedException {
    List<ThroughputRun> runs = new ArrayList<>();
    for (int batchSize : options.batchSizes()) {
      for (int factor : options.parallelization()) {
        MappingShape shape = new MappingShape(batchSize, factor);
        int perRead = shape.recordsPerRead(prepared.backend().maxRecordsPerRead());
        // A pass right before each run, so the ceiling is measured in the machine's state of the run too.
        ReadCeiling again = ReadCeiling.pass(prepared.stream().source(), perRead, prepared.written().size());
        ReadCeiling ceiling = prepared.ceilings().merge(perRead, again, ReadCeiling::fastest);
        runs.add(print(ThroughputRun.measure(starter, prepared.stream(), shape, prepared.written(), ceiling,
            options.deadline())));
      }
    }
    // Each run beside the fastest pass of the whole benchmark at its page size.
    runs.replaceAll(run -> run.withCeiling(prepared.ceilings().get(run.ceiling().recordsPerRead())));
    MappingShape latencyShape = new MappingShape(options.batchSizes().getFirst(), options.parallelization().getFirst());
    LatencyRun latency = LatencyRun.measure(starter, BenchStream.create(prepared.backend(), LATENCY_STREAM),
        latencyShape, options.latencyRate(), options.latencyWriting(), options.deadline());
    out.printf(Locale.ROOT, "%-8s latency at %d records/s (BatchSize %d, PF %d): sent to done p50 %.1f ms, p99 %.1f"
            + " ms; answered to done p50 %.1f ms, p99 %.1f ms; %d of %d done%s%n", source.label(),
        latency.ratePerSecond(), latencyShape.batchSize(), latencyShape.parallelizationFactor(),
        latency.latency().p50(), latency.latency().p99(), latency.fromAnswer().p50(), latency.fromAnswer().p99(),
        latency.latency().count(), latency.written(),
        latency.delivery().clean() ? "" : "  DELIVERY " + latency.delivery());
    return new SourceRuns(source.label(), prepared.backend().describe(), prepared.shards(), prepared.written().size(),
        prepared.writeSeconds(), prepared.ceilings(), runs, latency);
  }

  private ThroughputRun print(ThroughputRun run) {
    out.printf(Locale.ROOT, "%-8s BatchSize %,5d PF %2d: %,6d records in %6.2f s = %,8.0f records/s (%3.0f%% of %,.0f),"
            + " %,d calls of %.0f, overhead p50 %.2f ms p99 %.2f ms, Duration p50 %.2f ms%s%s%n",
        run.source(), run.shape().batchSize(), run.shape().parallelizationFactor(), run.done(), run.seconds(),
        run.recordsPerSecond(), 100 * run.shareOfCeiling(), run.ceiling().recordsPerSecond(),
        run.costs().invocations(), run.costs().recordsPerInvocation(), run.costs().overhead().p50(),
        run.costs().overhead().p99(), run.costs().duration().p50(), run.finished() ? "" : "  UNFINISHED",
        run.delivery().clean() ? "" : "  DELIVERY " + run.delivery());
    return run;
  }

  /**
   * Starts {@code containers} containers before anything is timed, {@link #WARM_UP_STEP} more in each round: the
   * round's calls go out at once and each holds its container for {@link #WARM_UP_HOLD}, so the warm ones are all
   * busy and the rest start new ones. Not all at once: dozens of JVMs starting together on a small machine take longer
   * than a Timeout.
   */
  private void warmUp(Emulator emulator, int containers) throws InterruptedException {
    long start = System.nanoTime();
    byte[] hold = ("{\"holdMillis\":" + WARM_UP_HOLD.toMillis() + "}").getBytes(StandardCharsets.UTF_8);
    for (int round = 0; round < containers / WARM_UP_STEP + WARM_UP_EXTRA_ROUNDS
        && emulator.liveContainers(FUNCTION) < containers; round++) {
      int calls = Math.min(containers, emulator.liveContainers(FUNCTION) + WARM_UP_STEP);
      AllAtOnce.run("warming up " + calls + " containers of " + FUNCTION,
          IntStream.range(0, calls).boxed().toList(), call -> {
            InvokeResult result = emulator.invoke(FUNCTION, hold);
            if (result.failed()) {
              throw new IllegalStateException(FUNCTION + " failed: " + result.payloadText());
            }
            return result.coldStart();
          });
    }
    out.printf(Locale.ROOT, "%d containers of %s warm (%,d MB) in %.1f s%n", emulator.liveContainers(FUNCTION),
        FUNCTION, options.memoryMb(), (System.nanoTime() - start) / 1e9);
  }

  private static void closeAll(List<StreamBackend> backends) {
    RuntimeException failure = null;
    for (StreamBackend backend : backends) {
      try {
        backend.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
