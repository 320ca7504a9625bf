package dev.lambdaloom.bench.streams;

import dev.lambdaloom.emulator.EmulatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the stream benchmark: immutable; start from {@link #defaults} and change what differs with the
 * {@code with} methods, each of which checks its value.
 */
public final class StreamsOptions {
  private Path fixtureZip;
  private Path resultsRoot;
  private EmulatorSettings settings;
  private List<SourceChoice> sources = List.of(SourceChoice.KINESIS, SourceChoice.DYNAMODB);
  private List<Integer> batchSizes = List.of(100, 1000);
  private List<Integer> parallelization = List.of(1, 4, 10);
  private Map<SourceChoice, Integer> records = new EnumMap<>(Map.of(SourceChoice.KINESIS,
      SourceChoice.KINESIS.defaultRecords(), SourceChoice.DYNAMODB, SourceChoice.DYNAMODB.defaultRecords()));
  private int keys = 500;
  private int kinesisShards = 4;
  private int memoryMb = 1769;
  private int latencyRate = 200;
  private Duration latencyWriting = Duration.ofSeconds(10);
  private Duration deadline = Duration.ofSeconds(60);

  private StreamsOptions() {}

  private StreamsOptions copy() {
    StreamsOptions copy = new StreamsOptions();
    copy.fixtureZip = fixtureZip;
    copy.resultsRoot = resultsRoot;
    copy.settings = settings;
    copy.sources = sources;
    copy.batchSizes = batchSizes;
    copy.parallelization = parallelization;
    copy.records = new EnumMap<>(records);
    copy.keys = keys;
    copy.kinesisShards = kinesisShards;
    copy.memoryMb = memoryMb;
    copy.latencyRate = latencyRate;
    copy.latencyWriting = latencyWriting;
    copy.deadline = deadline;
    return copy;
  }

  /**
   * Both sources, BatchSize 100 and 1,000, ParallelizationFactor 1, 4 and 10, 20,000 Kinesis records on 4 shards and
   * 5,000 DynamoDB ones over 500 keys, a 1,769 MB function (one vCPU), 200 records/s for 10 s for the latency, 60 s
   * at most per mapping run.
   *
   * @param fixtureZip the fixture's zip (bench-fixtures/streams/target/streams.zip)
   */
  public static StreamsOptions defaults(Path fixtureZip, Path resultsRoot, EmulatorSettings settings) {
    if (!Files.isRegularFile(fixtureZip)) {
      throw new IllegalArgumentException("no streams fixture at " + fixtureZip
          + "; build it with ./mvnw -pl bench-fixtures/streams package");
    }
    StreamsOptions options = new StreamsOptions();
    options.fixtureZip = fixtureZip;
    options.resultsRoot = Objects.requireNonNull(resultsRoot, "resultsRoot");
    options.settings = Objects.requireNonNull(settings, "settings");
    return options;
  }

  public StreamsOptions withSources(List<SourceChoice> value) {
    requireSome("source", value);
    StreamsOptions copy = copy();
    copy.sources = List.copyOf(value);
    return copy;
  }

  public StreamsOptions withBatchSizes(List<Integer> value) {
    requireSome("batch size", value);
    value.forEach(b -> new MappingShape(b, 1));
    StreamsOptions copy = copy();
    copy.batchSizes = List.copyOf(value);
    return copy;
  }

  public StreamsOptions withParallelization(List<Integer> value) {
    requireSome("parallelization factor", value);
    value.forEach(p -> new MappingShape(1, p));
    StreamsOptions copy = copy();
    copy.parallelization = List.copyOf(value);
    return copy;
  }

  /** Records per throughput run of {@code source}. */
  public StreamsOptions withRecords(SourceChoice source, int value) {
    requireAtLeast("records", value, 1);
    StreamsOptions copy = copy();
    copy.records.put(source, value);
    return copy;
  }

  /** Partition keys the records are spread over (DynamoDB: items, each modified again and again). */
  public StreamsOptions withKeys(int value) {
    requireAtLeast("keys", value, 1);
    StreamsOptions copy = copy();
    copy.keys = value;
    return copy;
  }

  public StreamsOptions withKinesisShards(int value) {
    requireAtLeast("shards", value, 1);
    StreamsOptions copy = copy();
    copy.kinesisShards = value;
    return copy;
  }

  public StreamsOptions withMemoryMb(int value) {
    if (value < 128 || value > 10_240) {
      throw new IllegalArgumentException("MemorySize is 128 to 10,240 MB, not " + value);
    }
    StreamsOptions copy = copy();
    copy.memoryMb = value;
    return copy;
  }

  /** The latency phase: {@code ratePerSecond} writes a second for {@code writing}. */
  public StreamsOptions withLatencyLoad(int ratePerSecond, Duration writing) {
    requireAtLeast("latency rate", ratePerSecond, 1);
    if (writing.toMillis() * ratePerSecond < 1000) {
      throw new IllegalArgumentException("the latency phase writes nothing at " + ratePerSecond + " records/s for "
          + writing.toMillis() + " ms");
    }
    StreamsOptions copy = copy();
    copy.latencyRate = ratePerSecond;
    copy.latencyWriting = writing;
    return copy;
  }

  /** The most one mapping run may take; a run cut by it says how many records it did. */
  public StreamsOptions withDeadline(Duration value) {
    if (value.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("a deadline of at least 1 s, not " + value.toMillis() + " ms");
    }
    StreamsOptions copy = copy();
    copy.deadline = value;
    return copy;
  }

  private static void requireSome(String what, List<?> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("at least one " + what);
    }
  }

  private static void requireAtLeast(String what, int value, int least) {
    if (value < least) {
      throw new IllegalArgumentException(what + " must be at least " + least + ", not " + value);
    }
  }

  public Path fixtureZip() {
    return fixtureZip;
  }

  public Path resultsRoot() {
    return resultsRoot;
  }

  public EmulatorSettings settings() {
    return settings;
  }

  public List<SourceChoice> sources() {
    return sources;
  }

  public List<Integer> batchSizes() {
    return batchSizes;
  }

  public List<Integer> parallelization() {
    return parallelization;
  }

  public int records(SourceChoice source) {
    return records.get(source);
  }

  public int keys() {
    return keys;
  }

  public int kinesisShards() {
    return kinesisShards;
  }

  public int memoryMb() {
    return memoryMb;
  }

  public int latencyRate() {
    return latencyRate;
  }

  public Duration latencyWriting() {
    return latencyWriting;
  }

  public Duration deadline() {
    return deadline;
  }
}
