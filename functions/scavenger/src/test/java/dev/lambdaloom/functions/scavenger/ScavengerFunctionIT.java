package dev.lambdaloom.functions.scavenger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EndStatus;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.Report;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.template.TemplateOverrides;
import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import dev.lambdaloom.services.dynamodb.SeedPlan;
import dev.lambdaloom.services.dynamodb.SharedDynamoDbLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged scavenger.zip in the emulator, as Lambda runs it (its CPU share, its timeout, its error documents),
 * against DynamoDB Local: with the 3 s timeout of the demo, every invocation answers in time with a resume, and the
 * loop over them finishes the table; what it cannot read or cannot fix fails the invocation.
 */
@ExtendWith(SharedDynamoDbLocal.class)
class ScavengerFunctionIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
  private static final String FUNCTION = "Scavenger";
  private static final int MAX_INVOCATIONS = 200;

  @TempDir static Path dir;
  private static DynamoDbLocal dynamo;
  private static Emulator emulator;

  @BeforeAll
  static void start(DynamoDbLocal shared) throws Exception {
    dynamo = shared;
    // The demo's setting: the template's memory, a 3 s timeout.
    Path template = Files.writeString(dir.resolve("template.yaml"), """
        Resources:
          Scavenger:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: java25
              CodeUri: %s
              Handler: dev.lambdaloom.functions.scavenger.ScavengerHandler::handleRequest
              MemorySize: 1024
              Timeout: 3
              Environment:
                Variables:
                  TOTAL_SEGMENTS: '10'
                  DELETES_IN_FLIGHT: '10'
                  JAVA_TOOL_OPTIONS: -Dhttp.maxConnections=256
        """.formatted(Path.of("target", "scavenger.zip").toAbsolutePath()));
    TemplateOverrides overrides = TemplateOverrides.none()
        .withEnvironment("*", Map.of("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString()));
    emulator = Emulator.start(SamTemplate.load(template, overrides), EmulatorSettings.defaults(),
        LogSink.printTo(System.out, true));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private record Invocation(InvokeResult result, Report report) {
    Map<String, Object> response() throws Exception {
      return JSON.readValue(result.payload(), OBJECT);
    }
  }

  private static Invocation invoke(Map<String, Object> event) throws Exception {
    InvokeResult result = emulator.invoke(FUNCTION, JSON.writeValueAsBytes(event));
    return new Invocation(result, result.awaitLog().report());
  }

  @Test
  void aLoopOfThreeSecondInvocationsAnswersEveryTimeAndFinishesTheTable() throws Exception {
    SeedPlan plan = new SeedPlan("Demo", 10_000, 0.9, 4, 10, Instant.now());
    WorkerTableFixture table = WorkerTableFixture.seed(dynamo.client(), plan);
    List<Map<String, Object>> responses = new ArrayList<>();
    Map<String, Object> event = new LinkedHashMap<>(Map.of("table", plan.table()));
    do {
      Invocation invocation = invoke(event);
      assertThat(invocation.result().failed()).as("invocation %d: %s, %s", responses.size() + 1,
          invocation.result().payloadText(), invocation.report().line()).isFalse();
      assertThat(invocation.report().status()).as(invocation.report().line()).isEqualTo(EndStatus.ANSWERED);
      Map<String, Object> response = invocation.response();
      responses.add(response);
      event.put("resume", response.get("resume"));
    } while (event.get("resume") != null && responses.size() < MAX_INVOCATIONS);

    assertThat(event.get("resume")).as("done within " + MAX_INVOCATIONS + " invocations").isNull();
    assertThat(responses).anySatisfy(r -> assertThat(r).containsEntry("stoppedBy", "deadline"));
    assertThat(responses.getLast()).containsEntry("stoppedBy", "completed");
    table.assertOnlyExpiredItemsGone();
  }

  @Test
  void aMissingTableFailsTheInvocationWithTheCauseInLambdasErrorDocument() throws Exception {
    Invocation invocation = invoke(Map.of("table", "NoSuchTable"));

    assertThat(invocation.result().failed()).isTrue();
    assertThat(invocation.result().errorType()).contains("ScavengeFailedException");
    assertThat(invocation.result().payloadText()).contains("ResourceNotFoundException").doesNotContain("\"resume\"");
    assertThat(invocation.report().status()).as("the function failed; it did not time out")
        .isEqualTo(EndStatus.ANSWERED);
  }

  @Test
  void aDryRunItCannotReadFailsTheInvocationAndDeletesNothing() throws Exception {
    SeedPlan plan = new SeedPlan("DryRunOne", 500, 0.9, 0, 11, Instant.now());
    WorkerTableFixture table = WorkerTableFixture.seed(dynamo.client(), plan);

    Invocation invocation = invoke(Map.of("table", plan.table(), "dryRun", "1"));

    assertThat(invocation.result().failed()).isTrue();
    assertThat(invocation.result().errorType()).contains("InvalidSettingException");
    assertThat(invocation.result().payloadText()).contains("dryRun (from the event) must be true or false, not '1'");
    assertThat(WorkerTableFixture.snapshot(dynamo.client(), plan.table())).isEqualTo(table.before());
  }
}
