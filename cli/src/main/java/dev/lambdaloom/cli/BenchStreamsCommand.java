package dev.lambdaloom.cli;

import dev.lambdaloom.bench.streams.SourceChoice;
import dev.lambdaloom.bench.streams.StreamsBenchmark;
import dev.lambdaloom.bench.streams.StreamsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "streams", mixinStandardHelpOptions = true,
    description = {"Stream event source mappings (Kinesis on the local Kinesis server, DynamoDB Streams on DynamoDB",
        "Local) invoking a function that answers at once: throughput beside the source's read ceiling measured in",
        "the same run, overhead per batch, write-to-processed latency, and each record done once and in order."})
final class BenchStreamsCommand implements Callable<Integer> {
  /** Where the build puts the fixture's zip, under Lambdaloom's checkout. */
  static final String FIXTURE_ZIP = "bench-fixtures/streams/target/streams.zip";

  @Mixin EmulatorOptions options;

  @Option(names = "--sources", split = ",", defaultValue = "kinesis,dynamodb",
      description = "Sources: kinesis, dynamodb (default: ${DEFAULT-VALUE})")
  List<String> sources;

  @Option(names = "--batch-sizes", split = ",", defaultValue = "100,1000",
      description = "BatchSize of each run (default: ${DEFAULT-VALUE})")
  List<Integer> batchSizes;

  @Option(names = "--parallelization", split = ",", defaultValue = "1,4,10",
      description = "ParallelizationFactor of each run (default: ${DEFAULT-VALUE})")
  List<Integer> parallelization;

  @Option(names = "--records", paramLabel = "N",
      description = "Records per throughput run, every source (default: 20,000 for Kinesis, 5,000 for DynamoDB)")
  Integer records;

  @Option(names = "--keys", defaultValue = "500", description = "Partition keys (default: ${DEFAULT-VALUE})")
  int keys;

  @Option(names = "--shards", defaultValue = "4", description = "Shards of each Kinesis stream (default: ${DEFAULT-VALUE})")
  int shards;

  @Option(names = "--memory", defaultValue = "1769", description = "The function's MemorySize, MB (default: ${DEFAULT-VALUE})")
  int memoryMb;

  @Option(names = "--latency-rate", defaultValue = "200",
      description = "Records per second written in the latency phase (default: ${DEFAULT-VALUE})")
  int latencyRate;

  @Option(names = "--latency-seconds", defaultValue = "10",
      description = "How long the latency phase writes (default: ${DEFAULT-VALUE})")
  int latencySeconds;

  @Option(names = "--deadline", defaultValue = "60", paramLabel = "SECONDS",
      description = "The most one mapping run may take; a run cut by it says what it did (default: ${DEFAULT-VALUE})")
  int deadlineSeconds;

  @Option(names = "--fixture", paramLabel = "ZIP", description = "The fixture's zip (default: <lambdaloom>/" + FIXTURE_ZIP + ")")
  Path fixture;

  @Mixin ResultsOption results;

  @Override
  public Integer call() throws Exception {
    options.requireLocal("bench streams");
    Path zip = fixture != null ? fixture : LambdaloomHome.path().resolve(FIXTURE_ZIP);
    // The options refuse a missing zip or a setting Lambda would not take: Main prints that message in one line.
    List<SourceChoice> chosen = sources.stream().map(SourceChoice::parse).toList();
    StreamsOptions streams = StreamsOptions.defaults(zip, results.root(), options.settings()).withSources(chosen)
        .withBatchSizes(batchSizes).withParallelization(parallelization).withKeys(keys).withKinesisShards(shards)
        .withMemoryMb(memoryMb).withLatencyLoad(latencyRate, Duration.ofSeconds(latencySeconds))
        .withDeadline(Duration.ofSeconds(deadlineSeconds));
    if (records != null) {
      for (SourceChoice source : chosen) {
        streams = streams.withRecords(source, records);
      }
    }
    new StreamsBenchmark(streams, System.out).run();
    return 0;
  }
}
