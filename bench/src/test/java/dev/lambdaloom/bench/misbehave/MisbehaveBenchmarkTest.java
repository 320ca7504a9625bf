package dev.lambdaloom.bench.misbehave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.Report;
import dev.lambdaloom.emulator.template.FunctionConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The misbehave benchmark end to end on the fixture's real zip: each misbehaviour's error, the call after it, and the
 * report's files. Its timeouts come from a cold start of the fixture measured first, so it holds on a slower machine.
 */
class MisbehaveBenchmarkTest {
  private static final int MEMORY_MB = 256;
  /** How much slower than measured a phase may get during the run. */
  private static final int HEADROOM = 4;
  /**
   * The Timeout of the leaks and the oversized answer: only a bound (they end at MemorySize or the response limit, in
   * seconds at this CPU share); reached only where no memory cap can stop the native leak.
   */
  private static final Duration ROOMY_TIMEOUT = Duration.ofSeconds(60);
  private static final Path FIXTURE = Path.of(System.getProperty("lambdaloom.home", ".."))
      .resolve("bench-fixtures/misbehave/target/misbehave.zip");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path results;

  @Test
  void eachMisbehaviourGetsLambdasErrorAndCrashesMakeTheNextCallCold() throws Exception {
    Report calibration = coldStartOfTheFixture();
    // Long enough for the fixture's own init and first call, with headroom; short, to see both run out.
    Duration initTimeout = atLeast(Duration.ofSeconds(2), millis(calibration.initDurationMs()).multipliedBy(HEADROOM));
    Duration timeout = wholeSeconds(atLeast(Duration.ofSeconds(2),
        millis(calibration.durationMs()).multipliedBy(HEADROOM)));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    MisbehaveBenchmark.Result result = new MisbehaveBenchmark(new MisbehaveBenchmark.Options(FIXTURE, results,
        EmulatorSettings.defaults().withInitTimeout(initTimeout), MEMORY_MB, timeout, ROOMY_TIMEOUT, 1),
        new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
    System.out.print(printed.toString(StandardCharsets.UTF_8)); // each call's line, in the test's output file

    Map<Misbehaviour, Observation> seen = new EnumMap<>(Misbehaviour.class);
    result.observations().forEach(o -> seen.put(o.misbehaviour(), o));
    assertThat(seen.keySet()).containsExactly(Misbehaviour.values());
    JsonNode written = JSON.readTree(result.folder().resolve("results.json").toFile());
    boolean memoryCapped = written.get("parameters").get("limits").asText().startsWith("cgroup");
    String timedOut = "RequestId: <id> Error: Task timed out after " + timeout.toSeconds() + ".00 seconds";

    assertThat(seen.get(Misbehaviour.OK).errorType()).isNull();
    assertThat(seen.get(Misbehaviour.THROW).errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(seen.get(Misbehaviour.HUGE_RESPONSE).errorType()).isEqualTo("Function.ResponseSizeTooLarge");
    assertThat(seen.get(Misbehaviour.EXIT).errorType()).isEqualTo("Runtime.ExitError");
    assertThat(seen.get(Misbehaviour.EXIT).errorMessage())
        .isEqualTo("RequestId: <id> Error: Runtime exited with error: exit status 1");
    assertThat(seen.get(Misbehaviour.LOOP).errorType()).isEqualTo("Sandbox.Timedout");
    assertThat(seen.get(Misbehaviour.LOOP).errorMessage()).isEqualTo(timedOut);
    assertThat(seen.get(Misbehaviour.LOOP).detectMs()).isGreaterThanOrEqualTo(timeout.toMillis());
    assertThat(seen.get(Misbehaviour.LEAK).errorType()).isEqualTo("java.lang.OutOfMemoryError");
    // Only a memory cap stops an off-heap leak; without one it runs until its Timeout.
    assertThat(seen.get(Misbehaviour.LEAK_NATIVE).errorType())
        .isEqualTo(memoryCapped ? "Runtime.OutOfMemory" : "Sandbox.Timedout");
    assertThat(seen.get(Misbehaviour.HUNG_INIT).errorType()).isEqualTo("Sandbox.Timedout");
    assertThat(seen.get(Misbehaviour.HUNG_INIT).errorMessage()).isEqualTo(timedOut);
    assertThat(seen.get(Misbehaviour.HUNG_INIT).detectMs()) // the init timeout, then a retried init in the Timeout
        .isGreaterThanOrEqualTo(initTimeout.plus(timeout).toMillis());

    for (Misbehaviour reset : List.of(Misbehaviour.EXIT, Misbehaviour.LOOP, Misbehaviour.LEAK,
        Misbehaviour.LEAK_NATIVE, Misbehaviour.HUNG_INIT)) {
      assertThat(seen.get(reset).nextCall()).as(reset.label()).isEqualTo(NextCall.COLD);
    }
    for (Misbehaviour survived : List.of(Misbehaviour.OK, Misbehaviour.THROW, Misbehaviour.HUGE_RESPONSE)) {
      assertThat(seen.get(survived).nextCall()).as(survived.label()).isEqualTo(NextCall.WARM);
    }

    for (String file : List.of("report.md", "results.json", MisbehaveReport.CHART_FILE)) {
      assertThat(result.folder().resolve(file)).isNotEmptyFile();
    }
    JsonNode summary = written.get("tables").get(0);
    assertThat(summary.get("title").asText()).isEqualTo(MisbehaveReport.SUMMARY_TABLE);
    assertThat(summary.get("rows")).hasSize(Misbehaviour.values().length);
    for (JsonNode row : summary.get("rows")) {
      Observation observed = seen.get(Misbehaviour.valueOf(
          row.get("misbehaviour").asText().toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
      assertThat(row.get("error type").asText()).isEqualTo(observed.errorType() == null ? "-" : observed.errorType());
      assertThat(row.get("next call").asText()).isEqualTo(observed.nextCall().label());
    }
    assertThat(Files.readString(result.folder().resolve("report.md")))
        .contains("| misbehaviour ", "Runtime.ExitError", "Sandbox.Timedout", "![Time to detect");
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Report: " + result.folder().resolve("report.md"));
  }

  @Test
  void aMissingFixtureIsRefusedWithHowToBuildIt() {
    assertThatThrownBy(() -> new MisbehaveBenchmark.Options(results.resolve("nothing.zip"), results,
        EmulatorSettings.defaults(), MEMORY_MB, Duration.ofSeconds(3), ROOMY_TIMEOUT, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nothing.zip")
        .hasMessageContaining("./mvnw -pl bench-fixtures/misbehave package");
  }

  /** One cold start of the fixture at the test's MemorySize, with time to spare: its REPORT's Init and Duration. */
  private static Report coldStartOfTheFixture() throws Exception {
    FunctionConfig calibration = new FunctionConfig("Calibration", MisbehaveBenchmark.MISBEHAVING_HANDLER, "java25",
        FIXTURE.toAbsolutePath(), MEMORY_MB, Duration.ofMinutes(5), Map.of(), 1, "x86_64", 0, Map.of());
    try (Emulator emulator = new Emulator(List.of(calibration),
        EmulatorSettings.defaults().withInitTimeout(Duration.ofMinutes(5)), LogSink.discard())) {
      InvokeResult first = emulator.invoke("Calibration", Misbehaviour.OK.event());
      assertThat(first.failed()).as(first.payloadText()).isFalse();
      assertThat(first.coldStart()).isTrue();
      return first.awaitLog().report();
    }
  }

  private static Duration millis(double ms) {
    return Duration.ofNanos(Math.round(ms * 1e6));
  }

  private static Duration atLeast(Duration floor, Duration value) {
    return value.compareTo(floor) >= 0 ? value : floor;
  }

  private static Duration wholeSeconds(Duration value) {
    return Duration.ofSeconds((value.toMillis() + 999) / 1000);
  }
}
