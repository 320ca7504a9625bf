package dev.lambdaloom.functions.scavenger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.stepfunctions.ExecutionOutcome;
import dev.lambdaloom.emulator.stepfunctions.HistoryEventType;
import dev.lambdaloom.emulator.stepfunctions.LocalStateMachine;
import dev.lambdaloom.emulator.stepfunctions.StateMachineInterpreter;
import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.template.TemplateOverrides;
import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import dev.lambdaloom.services.dynamodb.SeedPlan;
import dev.lambdaloom.services.dynamodb.SharedDynamoDbLocal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The template's ScavengerLoop state machine, run by the local interpreter on the packaged scavenger.zip against
 * DynamoDB Local. The function gets the demo's 3 s timeout instead of the template's 900 s: each round then stops at its
 * deadline with a resume, so the loop needs several rounds, and it must end with exactly the expired items gone.
 */
@ExtendWith(SharedDynamoDbLocal.class)
class ScavengerLoopIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static DynamoDbLocal dynamo;
  private static Emulator emulator;
  private static LocalStateMachine machine;

  @BeforeAll
  static void start(DynamoDbLocal shared) {
    dynamo = shared;
    Path root = Path.of(System.getProperty("lambdaloom.home", "../.."));
    SamTemplate template = SamTemplate.load(root.resolve("template.yaml"), TemplateOverrides.none()
        .withEnvironment("*", Map.of("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString())));
    machine = LocalStateMachine.named(template, "ScavengerLoop");
    FunctionConfig scavenger = template.functions().get("ScavengerFunction").withTimeout(Duration.ofSeconds(3));
    emulator = new Emulator(List.of(scavenger), EmulatorSettings.defaults(), LogSink.printTo(System.out, true));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void loopsOnTheResumeTokenUntilTheTableIsDoneDeletingExactlyTheExpiredItems() throws Exception {
    // 4,000 items: here a 3 s round deletes 500 to 1,500 of them, so the loop takes about four rounds (two on a
    // machine three times faster); 10,000 took nine rounds and 24 s.
    SeedPlan plan = new SeedPlan("SfnLoop", 4_000, 0.9, 4, 12, Instant.now());
    WorkerTableFixture table = WorkerTableFixture.seed(dynamo.client(), plan);

    ExecutionOutcome outcome = StateMachineInterpreter.onEmulator(machine, emulator)
        .execute("scavenge-1", JSON.readTree("{\"table\": \"" + plan.table() + "\"}"));

    outcome.history().events().forEach(System.out::println);
    assertThat(outcome).isInstanceOf(ExecutionOutcome.Succeeded.class);
    JsonNode last = ((ExecutionOutcome.Succeeded) outcome).output();
    assertThat(last.get("stoppedBy").asText()).isEqualTo("completed");
    assertThat(last.get("done").asBoolean()).isTrue();
    assertThat(outcome.history().count(HistoryEventType.TASK_SCHEDULED, "Scavenge")).as("rounds").isGreaterThan(1);
    table.assertOnlyExpiredItemsGone();
  }

  @Test
  void aRoundTheScavengerRefusesEndsTheExecutionWithItsErrorAndCause() throws Exception {
    ExecutionOutcome outcome = StateMachineInterpreter.onEmulator(machine, emulator)
        .execute("scavenge-2", JSON.readTree("{\"table\": \"NoSuchTable\"}"));

    assertThat(outcome).isInstanceOfSatisfying(ExecutionOutcome.Failed.class, failed -> {
      assertThat(failed.error()).contains("ScavengeFailedException");
      assertThat(failed.cause()).contains("ResourceNotFoundException");
    });
    assertThat(outcome.history().count(HistoryEventType.RETRY_SCHEDULED, "Scavenge")).as("not a Lambda error: no retry")
        .isZero();
  }
}
