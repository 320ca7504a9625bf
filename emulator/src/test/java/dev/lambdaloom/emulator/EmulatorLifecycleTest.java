package dev.lambdaloom.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.fixtures.FixtureCode;
import dev.lambdaloom.emulator.fixtures.FixtureCosts;
import dev.lambdaloom.emulator.fixtures.Poll;
import dev.lambdaloom.emulator.fixtures.RecordingLogSink;
import dev.lambdaloom.emulator.template.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorLifecycleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Lambda's REPORT line, field by field, tab separated, with its trailing tab. */
  private static final String REPORT_WARM = "REPORT RequestId: [0-9a-f-]{36}\tDuration: \\d+\\.\\d{2} ms\t"
      + "Billed Duration: \\d+ ms\tMemory Size: 256 MB\tMax Memory Used: \\d+ MB\t";
  private static final String REPORT_COLD = REPORT_WARM + "Init Duration: \\d+\\.\\d{2} ms\t";

  @TempDir Path dir;
  private final RecordingLogSink log = new RecordingLogSink();
  private Emulator emulator;

  @AfterEach
  void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  private Emulator start(String resources, EmulatorSettings settings) {
    FixtureCode.archive(dir.resolve("fixture.zip"));
    FixtureCode.archive(dir.resolve("fixture.jar"));
    Path template = FixtureCode.template(dir, resources.formatted(FixtureCode.HANDLER));
    emulator = Emulator.start(SamTemplate.load(template), settings, log);
    return emulator;
  }

  private static final String ONE_FUNCTION = """
        Fixture:
          Type: AWS::Serverless::Function
          Properties:
            CodeUri: fixture.zip
            Handler: %s
            ReservedConcurrentExecutions: 2
            Environment:
              Variables:
                JAVA_TOOL_OPTIONS: -Dfixture.tool.option=passed
      """;

  static byte[] event(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  static JsonNode body(InvokeResult result) throws Exception {
    return JSON.readTree(result.payload());
  }

  @Test
  void eachEmulatorWorksInAFreshOwnerOnlyFolderItRemovesOnClose() throws Exception {
    Path parent = Files.createDirectories(dir.resolve("work"));
    // A folder someone else prepared under the name the emulator once used must not be taken over.
    Path planted = Files.createDirectories(parent.resolve("lambdaloom-" + ProcessHandle.current().pid()));
    EmulatorSettings settings = EmulatorSettings.defaults().withWorkParent(parent);
    start(ONE_FUNCTION, settings);
    Path first = emulator.workDirectory();
    assertThat(emulator.invoke("Fixture", event("{\"mode\":\"echo\"}")).failed()).isFalse();

    try (Emulator second = new Emulator(emulator.functions(), settings, LogSink.discard())) {
      assertThat(second.workDirectory()).isNotEqualTo(first).isNotEqualTo(planted);
    }
    assertThat(first.getParent()).isEqualTo(parent);
    assertThat(first).isNotEqualTo(planted);
    assertThat(Files.getPosixFilePermissions(first)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    emulator.close();
    emulator = null;
    assertThat(first).doesNotExist();
    assertThat(planted).exists();
  }

  @Test
  void coldStartThenWarmReuseWithLambdasReportLines() throws Exception {
    start(ONE_FUNCTION, EmulatorSettings.defaults());

    InvokeResult cold = emulator.invoke("Fixture", event("{\"mode\":\"echo\",\"n\":1}"));
    InvokeResult warm = emulator.invoke("Fixture", event("{\"mode\":\"echo\",\"n\":2}"));

    assertThat(cold.failed()).isFalse();
    assertThat(cold.coldStart()).isTrue();
    assertThat(warm.coldStart()).isFalse();
    assertThat(body(cold).get("pid")).isEqualTo(body(warm).get("pid"));
    assertThat(body(warm).get("invocation").asInt()).isEqualTo(2);
    assertThat(body(warm).get("echo").get("n").asInt()).isEqualTo(2);
    assertThat(body(cold).get("requestId").asText()).isEqualTo(cold.requestId());

    Report coldReport = cold.awaitLog().report();
    Report warmReport = warm.awaitLog().report();
    assertThat(coldReport.line()).matches(REPORT_COLD);
    assertThat(warmReport.line()).matches(REPORT_WARM);
    assertThat(coldReport.initDurationMs()).isPositive();
    assertThat(coldReport.billedDurationMs())
        .isEqualTo((long) Math.ceil(coldReport.durationMs() + coldReport.initDurationMs()));
    assertThat(warmReport.billedDurationMs()).isEqualTo((long) Math.max(1, Math.ceil(warmReport.durationMs())));
    assertThat(coldReport.maxMemoryUsedMb()).isBetween(20L, 256L);

    List<String> coldLines = cold.awaitLog().lines();
    assertThat(coldLines.getFirst()).startsWith("INIT_START Runtime Version: java:25");
    assertThat(coldLines).contains("fixture init done", "START RequestId: " + cold.requestId() + " Version: $LATEST",
        "fixture mode echo invocation 1", "END RequestId: " + cold.requestId());
    assertThat(warm.awaitLog().lines()).containsExactly(
        "START RequestId: " + warm.requestId() + " Version: $LATEST",
        "fixture mode echo invocation 2",
        "END RequestId: " + warm.requestId(),
        warmReport.line());
    assertThat(emulator.coldStarts("Fixture")).isEqualTo(1);
  }

  @Test
  void setsLambdasEnvironmentAndSizesTheHeapFromMemorySize() throws Exception {
    start(ONE_FUNCTION, EmulatorSettings.defaults());

    JsonNode out = body(emulator.invoke("Fixture", event("{}")));

    JsonNode env = out.get("env");
    assertThat(env.get("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("Fixture");
    assertThat(env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("256");
    assertThat(env.get("AWS_LAMBDA_FUNCTION_VERSION").asText()).isEqualTo("$LATEST");
    assertThat(env.get("AWS_REGION").asText()).isEqualTo("us-east-1");
    assertThat(env.get("_HANDLER").asText()).isEqualTo(FixtureCode.HANDLER);
    assertThat(env.get("TZ").asText()).isEqualTo(":UTC");
    assertThat(env.get("AWS_EXECUTION_ENV").asText()).isEqualTo("AWS_Lambda_java25");
    assertThat(env.get("GREETING").asText()).isEqualTo("hello"); // from Globals
    assertThat(out.get("toolOption").asText()).isEqualTo("passed"); // JAVA_TOOL_OPTIONS reached the JVM
    assertThat(out.get("functionName").asText()).isEqualTo("Fixture");
    assertThat(out.get("memoryLimitMb").asInt()).isEqualTo(256);
    long timeoutMs = FixtureCosts.measured().roomyTimeoutSeconds() * 1000L;
    long firstCallMs = FixtureCosts.measured().firstCall().multipliedBy(4).toMillis();
    assertThat(out.get("remainingMs").asLong()).isBetween(timeoutMs - firstCallMs - 1000, timeoutMs);
    assertThat(out.get("inputArguments").toString())
        .contains("-XX:MaxHeapSize=" + 256 * 1024 * 85 / 100 + "k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    // Lambda's sandbox shows two processors at 256 MB; the emulator's CPU quota (0.14 vCPU) must not make it one
    assertThat(out.get("availableProcessors").asInt()).isEqualTo(2);
  }

  @Test
  void aFunctionsOwnJvmSettingsReplaceTheRuntimeDefaultsLikeOnLambda() {
    assertThat(LaunchPlans.jvmOptions(1024, null))
        .contains("-XX:MaxHeapSize=891289k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    assertThat(LaunchPlans.jvmOptions(1024, "-XX:TieredStopAtLevel=4 -XX:+UseParallelGC -Xmx300m"))
        .contains("-XX:MaxMetaspaceSize=104857k", "-XX:ReservedCodeCacheSize=52428k")
        .noneMatch(option -> option.startsWith("-XX:TieredStopAtLevel") || option.startsWith("-XX:MaxHeapSize")
            || option.equals("-XX:+UseSerialGC"));
    assertThat(LaunchPlans.jvmOptions(1769, null)).contains("-XX:ActiveProcessorCount=2");
    assertThat(LaunchPlans.jvmOptions(10_240, null)).contains("-XX:ActiveProcessorCount=6");
    assertThat(LaunchPlans.jvmOptions(1769, "-XX:ActiveProcessorCount=1"))
        .noneMatch(option -> option.startsWith("-XX:ActiveProcessorCount"));
  }

  @Test
  void runsCodeFromADirectoryAJarOrAZip() throws Exception {
    start("""
          FromZip:
            Type: AWS::Serverless::Function
            Properties: {CodeUri: fixture.zip, Handler: %1$s}
          FromJar:
            Type: AWS::Serverless::Function
            Properties: {CodeUri: fixture.jar, Handler: %1$s}
          FromDirectory:
            Type: AWS::Serverless::Function
            Properties: {CodeUri: %2$s, Handler: %1$s}
        """.replace("%2$s", FixtureCode.classesDirectory().toString()), EmulatorSettings.defaults());

    for (String function : List.of("FromZip", "FromJar", "FromDirectory")) {
      InvokeResult result = emulator.invoke(function, event("{}"));
      assertThat(result.failed()).as(function + ": " + result.payloadText()).isFalse();
      assertThat(body(result).get("functionName").asText()).isEqualTo(function);
    }
  }

  @Test
  void scalesOutOneEventPerContainerAndThrottlesBeyondTheConcurrencyLimit() throws Exception {
    start(ONE_FUNCTION, EmulatorSettings.defaults());
    ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    try {
      List<Future<InvokeResult>> slow = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        slow.add(callers.submit(() -> emulator.invoke("Fixture", event("{\"mode\":\"sleep\",\"millis\":4000}"))));
      }
      Poll.until(() -> emulator.concurrentExecutions("Fixture") == 2, Duration.ofSeconds(30),
          "both slow events to be running");

      assertThatThrownBy(() -> emulator.invoke("Fixture", event("{}")))
          .isInstanceOfSatisfying(LambdaServiceException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(429);
            assertThat(e.type()).isEqualTo("TooManyRequestsException");
            assertThat(e.reason()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
          });

      long pid0 = body(slow.get(0).get()).get("pid").asLong();
      long pid1 = body(slow.get(1).get()).get("pid").asLong();
      assertThat(pid0).isNotEqualTo(pid1); // one event at a time per container
      assertThat(emulator.liveContainers("Fixture")).isEqualTo(2);

      // Capacity is back, and warm containers serve it: no third cold start.
      InvokeResult after = emulator.invoke("Fixture", event("{}"));
      assertThat(after.coldStart()).isFalse();
      assertThat(body(after).get("pid").asLong()).isIn(pid0, pid1);
      assertThat(emulator.coldStarts("Fixture")).isEqualTo(2);
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void manyColdStartsAtOnceShareNothingOnDisk() throws Exception {
    // The runtime client would unpack its JNI library to one /tmp path from every JVM at once.
    // Six JVMs starting at once share this machine's cores: far slower than one cold start. Not about time, so
    // the function's Timeout is far beyond it.
    start(ONE_FUNCTION.replace("ReservedConcurrentExecutions: 2", "ReservedConcurrentExecutions: 6\n      Timeout: 300"),
        EmulatorSettings.defaults());
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<InvokeResult>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        calls.add(callers.submit(() -> emulator.invoke("Fixture", event("{\"mode\":\"sleep\",\"millis\":500}"))));
      }
      for (Future<InvokeResult> call : calls) {
        InvokeResult result = call.get();
        assertThat(result.failed()).as(result.payloadText()).isFalse();
        assertThat(result.awaitLog().lines()).noneMatch(line -> line.contains("Failed to load the native"));
      }
    }
    assertThat(emulator.coldStarts("Fixture")).isGreaterThanOrEqualTo(3); // most of them started together
  }

  @Test
  void sequentialCallsAtConcurrencyOneNeverThrottle() throws Exception {
    start(ONE_FUNCTION.replace("ReservedConcurrentExecutions: 2", "ReservedConcurrentExecutions: 1"),
        EmulatorSettings.defaults());
    for (int i = 0; i < 50; i++) {
      assertThat(emulator.invoke("Fixture", event("{}")).failed()).isFalse();
    }
    assertThat(emulator.coldStarts("Fixture")).isEqualTo(1);
  }

  @Test
  void reapsIdleContainersAndStartsColdAfterwards() throws Exception {
    start(ONE_FUNCTION, EmulatorSettings.defaults().withIdleTimeout(Duration.ofMillis(500)));

    InvokeResult first = emulator.invoke("Fixture", event("{}"));
    first.awaitLog();
    Poll.until(() -> emulator.liveContainers("Fixture") == 0, Duration.ofSeconds(15), "the idle container to be reaped");

    InvokeResult second = emulator.invoke("Fixture", event("{}"));
    assertThat(second.coldStart()).isTrue();
    assertThat(body(second).get("pid")).isNotEqualTo(body(first).get("pid"));
  }

  @Test
  void refusesUnknownFunctionsOversizedAndMalformedPayloadsBeforeRunningAnything() {
    start(ONE_FUNCTION, EmulatorSettings.defaults());

    assertThatThrownBy(() -> emulator.invoke("Nope", event("{}")))
        .isInstanceOfSatisfying(LambdaServiceException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(404);
          assertThat(e.getMessage()).isEqualTo("Function not found: arn:aws:lambda:us-east-1:123456789012:function:Nope");
        });
    byte[] big = new byte[(int) Emulator.MAX_SYNC_PAYLOAD_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    assertThatThrownBy(() -> emulator.invoke("Fixture", big))
        .isInstanceOfSatisfying(LambdaServiceException.class, e -> assertThat(e.httpStatus()).isEqualTo(413));
    assertThatThrownBy(() -> emulator.invoke("Fixture", event("{\"unclosed\": ")))
        .isInstanceOfSatisfying(LambdaServiceException.class, e -> assertThat(e.type()).isEqualTo("InvalidRequestContentException"));
    assertThat(emulator.coldStarts("Fixture")).isZero();
  }

  @Test
  void acceptsArnsAndTheLatestQualifier() throws Exception {
    start(ONE_FUNCTION, EmulatorSettings.defaults());
    String arn = "arn:aws:lambda:us-east-1:123456789012:function:Fixture";
    assertThat(emulator.function(arn).name()).isEqualTo("Fixture");
    assertThat(emulator.function("Fixture:$LATEST").name()).isEqualTo("Fixture");
    assertThatThrownBy(() -> emulator.function("Fixture:7")).isInstanceOf(LambdaServiceException.class);
  }
}
