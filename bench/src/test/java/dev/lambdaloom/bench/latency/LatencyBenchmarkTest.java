package dev.lambdaloom.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.EmulatorSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The latency benchmark end to end on the chain fixture's real zip, through the emulator and its Invoke API. */
class LatencyBenchmarkTest {
  private static final int CALLS = 50;
  private static final Path FIXTURE = Path.of(System.getProperty("lambdaloom.home", ".."))
      .resolve("bench-fixtures/chain/target/chain.zip");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path results;

  @Test
  void everyCallHasFourTimestampsOnOneClockAndTheReportIsWritten() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    // The deadline only bounds a run gone wrong: 50 calls take well under a second once warm.
    LatencyBenchmark.Result result = new LatencyBenchmark(new LatencyBenchmark.Options(FIXTURE, results,
        EmulatorSettings.defaults(), CALLS, List.of(512), Duration.ofSeconds(300)),
        new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
    System.out.print(printed.toString(StandardCharsets.UTF_8));

    assertThat(result.runs()).extracting(ChainRun::type).containsExactly(CallType.REQUEST_RESPONSE, CallType.EVENT);
    for (ChainRun run : result.runs()) {
      assertThat(run.calls()).as(run.type().name()).hasSize(CALLS);
      assertThat(run.failed()).isZero();
      assertThat(run.stoppedAtDeadline()).isFalse();
      for (CallTimes call : run.calls()) {
        assertThat(List.of(call.send(), call.receive(), call.start(), call.end())).allMatch(t -> t > 0);
        assertThat(call.start()).isGreaterThanOrEqualTo(call.send());
        assertThat(call.end()).isGreaterThanOrEqualTo(call.start());
        assertThat(call.receive()).isGreaterThanOrEqualTo(call.send());
      }
      assertThat(run.negativeDifferences()).isZero();
      assertThat(run.causedByCaller()).as("B's invocations the ledger ties to A").isEqualTo(CALLS);
    }
    ChainRun requestResponse = result.runs().getFirst();
    assertThat(requestResponse.calls()).allMatch(c -> c.receive() >= c.end());

    assertThat(result.folder().resolve("report.md")).isRegularFile();
    assertThat(result.folder().resolve("dispatch-histogram.png")).isRegularFile();
    assertThat(result.folder().resolve("round-trip-histogram.png")).isRegularFile();
    JsonNode written = JSON.readTree(result.folder().resolve("results.json").toFile());
    assertThat(written.get("data").get("runs")).hasSize(2);
    assertThat(written.get("data").get("runs").get(1).get("callsSendReceiveStartEndMicros")).hasSize(CALLS);
  }
}
