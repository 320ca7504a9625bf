package dev.lambdaloom.runtimes.al2023;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.emulator.template.FunctionConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training run that cannot record: the build stops with the function's name, why, and the fix. */
class TrainingRunIT {
  /** The hello function's staged folder as this module's build left it. */
  private static final Path STAGE = Path.of("target/custom-runtime/HelloFunction/aws/stage");

  @TempDir
  Path temp;

  @Test
  void aTrainingRunThatFailsStopsTheBuildNamingTheFunctionAndTheFix() throws Exception {
    FunctionConfig function = new FunctionConfig("HelloFunction", "dev.lambdaloom.functions.hello.Missing::handleRequest",
        "provided.al2023", STAGE.toAbsolutePath(), 512, Duration.ofSeconds(10), Map.of(), 1, "x86_64", 0, Map.of());
    TrainingSpec spec = new TrainingSpec("HelloFunction", "{}".getBytes(StandardCharsets.UTF_8), Map.of(), List.of(),
        Optional.empty());

    TrainingOutcome outcome = TrainingRun.run(function, STAGE.toAbsolutePath(), spec, temp);

    assertThat(outcome).isInstanceOf(TrainingOutcome.Failed.class);
    String reason = ((TrainingOutcome.Failed) outcome).reason();
    assertThat(reason).contains("java.lang.ClassNotFoundException").contains("dev.lambdaloom.functions.hello.Missing");
    assertThat(CustomRuntimeBuild.trainingFailed("HelloFunction", reason).getMessage())
        .startsWith("the AOT training run of HelloFunction failed: the invocation failed with java.lang.ClassNotFoundException")
        .contains("Fix: make src/main/resources/dev/lambdaloom/runtimes/al2023/training/HelloFunction.json an event")
        .contains("or leave HelloFunction out of -Dcustom-runtime.functions");
  }

  @Test
  void anEventExpectedToBeRejectedThatIsAnsweredFailsTheTraining() throws Exception {
    FunctionConfig function = new FunctionConfig("HelloFunction", "dev.lambdaloom.functions.hello.HelloHandler::handleRequest",
        "provided.al2023", STAGE.toAbsolutePath(), 512, Duration.ofSeconds(10), Map.of(), 1, "x86_64", 0, Map.of());
    TrainingSpec spec = new TrainingSpec("HelloFunction", "{}".getBytes(StandardCharsets.UTF_8), Map.of(), List.of(),
        Optional.of("java.lang.IllegalArgumentException"));

    TrainingOutcome outcome = TrainingRun.run(function, STAGE.toAbsolutePath(), spec, temp);

    assertThat(outcome).isInstanceOf(TrainingOutcome.Failed.class);
    assertThat(((TrainingOutcome.Failed) outcome).reason())
        .startsWith("the training event was expected to be rejected with java.lang.IllegalArgumentException");
  }

  @Test
  void aPlaceholderNoStartedServiceFillsStopsTheBuildNamingIt() {
    FunctionConfig function = new FunctionConfig("HelloFunction", "dev.lambdaloom.functions.hello.HelloHandler::handleRequest",
        "provided.al2023", STAGE.toAbsolutePath(), 512, Duration.ofSeconds(10), Map.of(), 1, "x86_64", 0, Map.of());
    TrainingSpec spec = new TrainingSpec("HelloFunction", "{\"name\":\"${iot.readings}\"}".getBytes(StandardCharsets.UTF_8),
        Map.of(), List.of(), Optional.empty());

    assertThatThrownBy(() -> TrainingRun.run(function, STAGE.toAbsolutePath(), spec, temp))
        .isInstanceOf(CustomRuntimeException.class).hasMessageContaining("${iot.readings}")
        .hasMessageContaining("services=");
  }

  @Test
  void aDatabaseTrainingWithoutTheFunctionsMigrationsStopsTheBuildNamingTheFolder() {
    FunctionConfig function = new FunctionConfig("HelloFunction", "dev.lambdaloom.functions.hello.HelloHandler::handleRequest",
        "provided.al2023", STAGE.toAbsolutePath(), 512, Duration.ofSeconds(10), Map.of(), 1, "x86_64", 0, Map.of());
    TrainingSpec spec = new TrainingSpec("HelloFunction", "{}".getBytes(StandardCharsets.UTF_8), Map.of(),
        List.of("postgres"), Optional.empty());

    assertThatThrownBy(() -> TrainingRun.run(function, STAGE.toAbsolutePath(), spec, temp))
        .isInstanceOf(CustomRuntimeException.class).hasMessageContaining("db/migration")
        .hasMessageContaining("drop postgres from its training properties");
  }

  @Test
  void aFunctionsTightMetaspaceLimitDoesNotEmptyItsRecording() throws Exception {
    // The S3 probes cap metaspace at 32m in their JAVA_TOOL_OPTIONS; recording their 40 MB of classes needs more.
    Path stage = Path.of("target/custom-runtime/S3ProbeFunction/lean/stage").toAbsolutePath();
    FunctionConfig function = new FunctionConfig("S3ProbeFunction",
        "dev.lambdaloom.functions.s3probe.S3ProbeHandler::handleRequest", "provided.al2023", stage, 1769,
        Duration.ofSeconds(60),
        Map.of("JAVA_TOOL_OPTIONS", "-XX:MaxMetaspaceSize=32m", "PRIME_ON_INIT", "true"), 1, "x86_64", 0, Map.of());
    TrainingSpec spec = new TrainingSpec("S3ProbeFunction", "{}".getBytes(StandardCharsets.UTF_8), Map.of(), List.of(),
        Optional.of("dev.lambdaloom.core.InvalidSettingException"));

    TrainingOutcome outcome = TrainingRun.run(function, stage, spec, temp);

    assertThat(outcome).as(outcome.toString()).isInstanceOf(TrainingOutcome.Recorded.class);
    assertThat(Files.size(((TrainingOutcome.Recorded) outcome).configuration())).isGreaterThan(1_000_000);
  }
}
