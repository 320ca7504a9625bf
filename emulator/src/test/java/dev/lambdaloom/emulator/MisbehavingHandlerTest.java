package dev.lambdaloom.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.fixtures.FixtureCode;
import dev.lambdaloom.emulator.fixtures.FixtureCosts;
import dev.lambdaloom.emulator.fixtures.RecordingLogSink;
import dev.lambdaloom.emulator.template.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profiling article's stress tests, and more: for each way a handler can misbehave, the
 * error a Lambda user would see, and a next invocation that works.
 */
class MisbehavingHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Short, to see inits time out, yet long enough for this machine's init (measured), at least 2 s. */
  private static final Duration INIT_TIMEOUT = FixtureCosts.measured().initTimeoutAtLeast(Duration.ofSeconds(2));
  /** Fixture's Timeout: short, to see events time out, yet long enough for a first call here; at least 3 s. */
  private static final int TIMEOUT_SECONDS = FixtureCosts.measured().timeoutSecondsAtLeast(3);
  private static final String TIMED_OUT = "Task timed out after " + TIMEOUT_SECONDS + ".00 seconds";

  @TempDir Path dir;
  private final RecordingLogSink log = new RecordingLogSink();
  private Emulator emulator;
  private Path failInit;
  private Path initSleep;

  @BeforeEach
  void start() {
    failInit = dir.resolve("fail-init");
    initSleep = dir.resolve("init-sleep-ms");
    FixtureCode.archive(dir.resolve("fixture.zip"));
    Path template = FixtureCode.template(dir, """
          Fixture:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %1$s
              Timeout: %4$d
              Environment:
                Variables:
                  FIXTURE_INIT_FAIL_IF_EXISTS: %2$s
                  FIXTURE_INIT_SLEEP_MS_FILE: %3$s
          Patient:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %1$s
              Timeout: 60
              Environment:
                Variables:
                  FIXTURE_INIT_SLEEP_MS_FILE: %3$s
          Roomy:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %1$s
              MemorySize: 512
        """.formatted(FixtureCode.HANDLER, failInit, initSleep, TIMEOUT_SECONDS));
    emulator = Emulator.start(SamTemplate.load(template),
        EmulatorSettings.defaults().withInitTimeout(INIT_TIMEOUT), log);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private InvokeResult invoke(String function, String mode) throws InterruptedException {
    return emulator.invoke(function, ("{\"mode\":\"" + mode + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode error(InvokeResult result) throws Exception {
    assertThat(result.failed()).as("expected a failed invocation, got " + result.payloadText()).isTrue();
    assertThat(result.functionError()).isEqualTo("Unhandled");
    JsonNode body = JSON.readTree(result.payload());
    assertThat(body.get("errorType").asText()).isEqualTo(result.errorType());
    return body;
  }

  private static long pid(InvokeResult result) throws Exception {
    assertThat(result.failed()).as(result.payloadText()).isFalse();
    return JSON.readTree(result.payload()).get("pid").asLong();
  }

  /** The next call succeeds; returns whether it needed a new container. */
  private boolean nextCallWorks(String function) throws Exception {
    InvokeResult next = invoke(function, "echo");
    pid(next);
    return next.coldStart();
  }

  @Test
  void infiniteLoopTimesOutKillsTheContainerAndTheNextCallStartsCold() throws Exception {
    long firstPid = pid(invoke("Fixture", "echo"));

    InvokeResult result = invoke("Fixture", "loop");

    JsonNode body = error(result);
    assertThat(body.get("errorType").asText()).isEqualTo("Sandbox.Timedout");
    assertThat(body.get("errorMessage").asText())
        .isEqualTo("RequestId: " + result.requestId() + " Error: " + TIMED_OUT);
    InvokeResult.InvocationLog invocationLog = result.awaitLog();
    assertThat(invocationLog.lines()).anyMatch(l -> l.matches(
        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z " + result.requestId() + " " + Pattern.quote(TIMED_OUT)));
    assertThat(invocationLog.report().line()).endsWith("\tStatus: timeout\t");
    assertThat(invocationLog.report().durationMs()).isGreaterThanOrEqualTo(TIMEOUT_SECONDS * 1000);
    assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

    assertThat(nextCallWorks("Fixture")).isTrue();
  }

  @Test
  void heapMemoryBombFailsWithOutOfMemoryErrorAndTheNextCallWorks() throws Exception {
    InvokeResult result = invoke("Roomy", "memory");

    JsonNode body = error(result);
    assertThat(body.get("errorType").asText()).isEqualTo("java.lang.OutOfMemoryError");
    assertThat(body.get("errorMessage").asText()).contains("Java heap space");
    // The runtime client ends the JVM after a VirtualMachineError, so the next call starts cold.
    assertThat(nextCallWorks("Roomy")).isTrue();
  }

  @Test
  void memoryBeyondMemorySizeIsKilledAsRuntimeOutOfMemory() throws Exception {
    assumeTrue(emulator.limitsDescription().startsWith("cgroup"),
        "needs writable cgroups to cap memory: " + emulator.limitsDescription());

    InvokeResult result = invoke("Patient", "native-memory"); // 256 MB: 0.14 vCPU to fill it

    JsonNode body = error(result);
    assertThat(body.get("errorType").asText()).isEqualTo("Runtime.OutOfMemory");
    assertThat(body.get("errorMessage").asText()).endsWith("Error: Runtime exited with error: signal: killed");
    Report report = result.awaitLog().report();
    assertThat(report.line()).endsWith("\tStatus: error\tError Type: Runtime.OutOfMemory\t");
    assertThat(report.maxMemoryUsedMb()).isEqualTo(256);
    assertThat(nextCallWorks("Patient")).isTrue();
  }

  @Test
  void oversizedResponseIsRefusedAndTheSameContainerServesTheNextCall() throws Exception {
    long pid = pid(invoke("Fixture", "echo"));

    InvokeResult result = invoke("Fixture", "oversized");

    JsonNode body = error(result);
    assertThat(body.get("errorType").asText()).isEqualTo("Function.ResponseSizeTooLarge");
    assertThat(body.get("errorMessage").asText())
        .isEqualTo("Response payload size exceeded maximum allowed payload size (6291556 bytes).");
    InvokeResult next = invoke("Fixture", "echo");
    assertThat(pid(next)).isEqualTo(pid);
  }

  @Test
  void uncaughtExceptionIsReturnedWithItsStackTraceAndTheContainerStaysWarm() throws Exception {
    long pid = pid(invoke("Fixture", "echo"));

    InvokeResult result = invoke("Fixture", "throw");

    JsonNode body = error(result);
    assertThat(body.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(body.get("errorMessage").asText()).isEqualTo("boom from the handler");
    assertThat(body.get("stackTrace").isArray()).isTrue();
    assertThat(body.get("stackTrace").toString()).contains("MisbehavingHandler.handleRequest");
    assertThat(result.awaitLog().report().status()).isEqualTo(EndStatus.ANSWERED); // no platform status
    assertThat(pid(invoke("Fixture", "echo"))).isEqualTo(pid);
  }

  @Test
  void systemExitIsRuntimeExitErrorAndTheNextCallStartsCold() throws Exception {
    InvokeResult result = invoke("Fixture", "exit");

    JsonNode body = error(result);
    assertThat(body.get("errorType").asText()).isEqualTo("Runtime.ExitError");
    assertThat(body.get("errorMessage").asText())
        .isEqualTo("RequestId: " + result.requestId() + " Error: Runtime exited with error: exit status 3");
    assertThat(result.awaitLog().report().line()).endsWith("\tStatus: error\tError Type: Runtime.ExitError\t");
    assertThat(nextCallWorks("Fixture")).isTrue();
  }

  @Test
  void failingInitIsReportedRetriedOnceAndRecoversWhenFixed() throws Exception {
    Files.writeString(failInit, "yes");

    InvokeResult result = invoke("Fixture", "echo");

    JsonNode body = error(result);
    assertThat(body.get("errorType").asText()).isEqualTo("java.lang.ExceptionInInitializerError");
    assertThat(body.get("errorMessage").asText())
        .isEqualTo("Error loading class dev.lambdaloom.emulator.fixtures.MisbehavingHandler");
    assertThat(result.awaitLog().lines())
        .contains("Caused by: java.lang.IllegalStateException: init failed on purpose");
    assertThat(result.awaitLog().lines())
        .filteredOn(l -> l.startsWith("INIT_START")).hasSize(2); // Lambda retries init once in the invoke
    assertThat(result.awaitLog().lines()).anyMatch(l -> l.startsWith("INIT_REPORT Init Duration: ")
        && l.contains("\tPhase: init\tStatus: error\tError Type: "));

    Files.delete(failInit);
    assertThat(nextCallWorks("Fixture")).isTrue();
  }

  @Test
  void slowInitIsRetriedWithinTheFunctionTimeoutAndAHungInitTimesOut() throws Exception {
    Files.writeString(initSleep, Long.toString(INIT_TIMEOUT.toMillis() + 300));

    InvokeResult slow = invoke("Patient", "echo");

    pid(slow); // over the init timeout once, then done inside the invocation's own timeout
    assertThat(slow.awaitLog().lines()).anyMatch(l -> l.startsWith("INIT_REPORT") && l.endsWith("Status: timeout"));

    Files.writeString(initSleep, "60000");
    InvokeResult hung = invoke("Fixture", "echo"); // within its short Timeout

    JsonNode body = error(hung);
    assertThat(body.get("errorType").asText()).isEqualTo("Sandbox.Timedout");
    assertThat(body.get("errorMessage").asText()).endsWith(TIMED_OUT);

    Files.delete(initSleep);
    assertThat(nextCallWorks("Fixture")).isTrue();
  }
}
