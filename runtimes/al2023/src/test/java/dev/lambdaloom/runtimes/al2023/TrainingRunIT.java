package dev.lambdaloom.runtimes.al2023;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.emulator.template.FunctionConfig;
import java.nio.charset.StandardCharsets;
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
}
