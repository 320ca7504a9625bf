package dev.lambdaloom.bench.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.EmulatorSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream benchmark end to end with tiny counts, on the local Kinesis server and the fixture's real zip: every
 * record done once and in order per key in every run, the latency phase's too, and the report's files written.
 */
class StreamsBenchmarkTest {
  private static final Path FIXTURE = Path.of(System.getProperty("lambdaloom.home", ".."))
      .resolve("bench-fixtures/streams/target/streams.zip");
  private static final int RECORDS = 300;
  private static final int KEYS = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path results;

  @Test
  void kinesisMappingsDoEveryRecordOnceInOrderPerKeyAndWriteTheReport() throws Exception {
    // The containers start before any run; a run of 300 records then takes well under a second here, so the
    // deadline only stops a run that hangs.
    StreamsOptions options = StreamsOptions.defaults(FIXTURE, results, EmulatorSettings.defaults())
        .withSources(List.of(SourceChoice.KINESIS)).withBatchSizes(List.of(100)).withParallelization(List.of(1, 4))
        .withRecords(SourceChoice.KINESIS, RECORDS).withKeys(KEYS).withKinesisShards(2)
        .withLatencyLoad(50, Duration.ofSeconds(2)).withDeadline(Duration.ofSeconds(120));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    StreamsBenchmark.Result result = new StreamsBenchmark(options,
        new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
    System.out.print(printed.toString(StandardCharsets.UTF_8));

    assertThat(result.sources()).hasSize(1);
    SourceRuns kinesis = result.sources().getFirst();
    assertThat(kinesis.shards()).isEqualTo(2);
    assertThat(kinesis.runs()).extracting(r -> r.shape().parallelizationFactor()).containsExactly(1, 4);
    for (ThroughputRun run : kinesis.runs()) {
      assertThat(run.finished()).as("PF %d finished", run.shape().parallelizationFactor()).isTrue();
      assertThat(run.delivery()).isEqualTo(new DeliveryCheck(RECORDS, RECORDS, KEYS, 0, 0, 0, 0));
      assertThat(run.costs().failed()).isZero();
      assertThat(run.costs().invocations()).isGreaterThanOrEqualTo(RECORDS / 100);
      assertThat(run.recordsPerSecond()).isPositive();
      assertThat(run.ceiling().records()).isEqualTo(RECORDS);
    }
    LatencyRun latency = kinesis.latency();
    assertThat(latency.finished()).isTrue();
    assertThat(latency.written()).isEqualTo(100);
    assertThat(latency.delivery().clean()).as("%s", latency.delivery()).isTrue();
    assertThat(latency.latency().count()).isEqualTo(100);

    Path folder = result.folder();
    assertThat(folder.resolve("throughput-kinesis.png")).isNotEmptyFile();
    assertThat(Files.readString(folder.resolve("report.md")))
        .contains("## Throughput beside the source's read ceiling", "## Write-to-processed latency (ms)",
            "## Each record done once, in order per key");
    JsonNode written = JSON.readTree(folder.resolve("results.json").toFile());
    JsonNode delivery = table(written, "Each record done once");
    assertThat(delivery.get("rows")).hasSize(3);
    for (JsonNode row : delivery.get("rows")) {
      assertThat(row.get("lost").asLong()).isZero();
      assertThat(row.get("done twice or more").asLong()).isZero();
      assertThat(row.get("out of order per key").asLong()).isZero();
    }
  }

  private static JsonNode table(JsonNode results, String titleStart) {
    for (JsonNode table : results.get("tables")) {
      if (table.get("title").asText().startsWith(titleStart)) {
        return table;
      }
    }
    throw new AssertionError("no table titled " + titleStart + "... in results.json");
  }
}
