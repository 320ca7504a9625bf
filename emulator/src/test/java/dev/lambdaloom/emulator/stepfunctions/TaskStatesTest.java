package dev.lambdaloom.emulator.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.fixtures.FixtureCode;
import dev.lambdaloom.emulator.fixtures.Poll;
import dev.lambdaloom.emulator.template.SamTemplate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task, Retry, Catch and Map states on real functions: the fixture function on the emulator, invoked through its
 * Invoke API. Retry delays are recorded, not waited for (the backoff arithmetic is what is checked), except where a
 * throttle must clear: there the pause polls until the function is free.
 */
class TaskStatesTest {
  private static final String FIXTURE_ARN = "arn:aws:lambda:us-east-1:123456789012:function:Fixture";
  @TempDir static Path dir;
  private static Emulator emulator;

  @BeforeAll
  static void start() {
    FixtureCode.archive(dir.resolve("fixture.zip"));
    Path template = FixtureCode.template(dir, """
          Fixture:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %s
              ReservedConcurrentExecutions: 2
          Single:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %s
              ReservedConcurrentExecutions: 1
        """.formatted(FixtureCode.HANDLER, FixtureCode.HANDLER));
    emulator = Emulator.start(SamTemplate.load(template), EmulatorSettings.defaults(), LogSink.discard());
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static ExecutionOutcome run(String asl, String input, RetryPause pause) throws InterruptedException {
    LocalStateMachine machine = Asl.machine(asl, "Fixture", "Single");
    return new StateMachineInterpreter(machine, new EmulatorFunctionInvoker(emulator), pause, Clock.systemUTC(),
        "us-east-1", "123456789012").execute("exec-1", Asl.json(input));
  }

  private static JsonNode output(ExecutionOutcome outcome) {
    assertThat(outcome).isInstanceOf(ExecutionOutcome.Succeeded.class);
    return ((ExecutionOutcome.Succeeded) outcome).output();
  }

  @Test
  void lambdaInvokeHandsThePayloadToTheFunctionAndWrapsItsResponse() throws Exception {
    String asl = """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "%s", "Payload": {"mode": "echo", "value.$": "$.value"}},
          "ResultSelector": {"echo.$": "$.Payload.echo", "status.$": "$.StatusCode"}, "ResultPath": "$.call", "End": true}}}
        """.formatted(FIXTURE_ARN);
    JsonNode out = output(run(asl, "{\"value\": 7}", new Asl.RecordedPauses()));
    assertThat(out).isEqualTo(Asl.json("{\"value\": 7, \"call\": {\"echo\": {\"mode\": \"echo\", \"value\": 7}, \"status\": 200}}"));
  }

  @Test
  void aFunctionArnAsResourceGetsTheEffectiveInputAndItsResponseIsTheResult() throws Exception {
    String asl = """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "%s",
          "Parameters": {"mode": "echo"}, "OutputPath": "$.functionName", "End": true}}}
        """.formatted(FIXTURE_ARN);
    assertThat(output(run(asl, "{}", new Asl.RecordedPauses())).asText()).isEqualTo("Fixture");
  }

  @Test
  void aFunctionErrorIsCaughtByItsErrorTypeWithLambdasErrorDocumentAsCause() throws Exception {
    String asl = """
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "%s", "Parameters": {"mode": "throw"},
            "Catch": [{"ErrorEquals": ["Other"], "Next": "Never"},
                      {"ErrorEquals": ["java.lang.IllegalStateException"], "ResultPath": "$.error", "Next": "Handled"}],
            "End": true},
          "Never": {"Type": "Fail", "Error": "WrongCatcher"},
          "Handled": {"Type": "Succeed"}}}
        """.formatted(FIXTURE_ARN);
    ExecutionOutcome outcome = run(asl, "{\"keep\": true}", new Asl.RecordedPauses());
    JsonNode out = output(outcome);
    assertThat(out.get("keep").asBoolean()).isTrue();
    assertThat(out.at("/error/Error").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(Asl.json(out.at("/error/Cause").asText()).get("errorMessage").asText()).isEqualTo("boom from the handler");
    assertThat(outcome.history().count(HistoryEventType.ERROR_CAUGHT, "Call")).isEqualTo(1);
  }

  @Test
  void retriesAFailingFunctionWithBackoffCappedByMaxDelayThenGoesOn() throws Exception {
    Path counter = dir.resolve("retried-counter");
    String asl = """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "%s",
          "Parameters": {"mode": "flaky", "failures": 3, "counterFile": "%s"},
          "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 0},
                    {"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxAttempts": 3,
                     "MaxDelaySeconds": 10}],
          "OutputPath": "$.mode", "End": true}}}
        """.formatted(FIXTURE_ARN, counter);
    Asl.RecordedPauses pauses = new Asl.RecordedPauses();
    ExecutionOutcome outcome = run(asl, "{}", pauses);
    assertThat(output(outcome).asText()).isEqualTo("flaky");
    assertThat(pauses.delays).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(6), Duration.ofSeconds(10));
    assertThat(outcome.history().count(HistoryEventType.TASK_SCHEDULED, "Call")).isEqualTo(4);
    assertThat(outcome.history().count(HistoryEventType.RETRY_SCHEDULED, "Call")).isEqualTo(3);
  }

  @Test
  void whenRetriesRunOutTheErrorGoesToCatchOrEndsTheExecution() throws Exception {
    Path counter = dir.resolve("exhausted-counter");
    String asl = """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "%s",
          "Parameters": {"mode": "flaky", "failures": 5, "counterFile": "%s"},
          "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1}], "End": true}}}
        """.formatted(FIXTURE_ARN, counter);
    ExecutionOutcome outcome = run(asl, "{}", new Asl.RecordedPauses());
    assertThat(outcome).isInstanceOfSatisfying(ExecutionOutcome.Failed.class, failed -> {
      assertThat(failed.error()).isEqualTo("java.lang.IllegalStateException");
      assertThat(failed.cause()).contains("flaky call 2");
    });
  }

  @Test
  void aThrottledInvocationIsLambdaTooManyRequestsExceptionAndItsRetrySucceeds() throws Exception {
    // Two items at once on a function that runs one at a time: one is throttled, and retried once the other is done.
    String asl = """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 2,
          "ItemProcessor": {"StartAt": "Call", "States": {"Call": {"Type": "Task",
            "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Single",
            "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 5}],
            "OutputPath": "$.mode", "End": true}}}, "End": true}}}
        """;
    RetryPause untilFree = delay -> Poll.until(() -> emulator.concurrentExecutions("Single") == 0,
        Duration.ofSeconds(60), "Single to finish its call");
    ExecutionOutcome outcome = run(asl, "[{\"mode\": \"sleep\", \"millis\": 500}, {\"mode\": \"sleep\", \"millis\": 500}]",
        untilFree);
    assertThat(output(outcome)).isEqualTo(Asl.json("[\"sleep\", \"sleep\"]"));
    assertThat(outcome.history().events()).anySatisfy(e -> assertThat(e.toString())
        .contains("RETRY_SCHEDULED").contains("Lambda.TooManyRequestsException"));
  }

  @Test
  void aDistributedMapToleratesFailuresUpToItsCountAndFailsBeyond() throws Exception {
    String asl = """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 2, "ToleratedFailureCount": 1,
          "ItemSelector": {"mode.$": "$$.Map.Item.Value"},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "%s", "OutputPath": "$.mode",
            "End": true}}}, "End": true}}}
        """.formatted(FIXTURE_ARN);
    JsonNode tolerated = output(run(asl, "[\"echo\", \"throw\", \"echo\"]", new Asl.RecordedPauses()));
    assertThat(tolerated.get(0).asText()).isEqualTo("echo");
    assertThat(tolerated.get(1).get("Error").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(tolerated.get(2).asText()).isEqualTo("echo");
    assertThat(run(asl, "[\"throw\", \"echo\", \"throw\"]", new Asl.RecordedPauses()))
        .isInstanceOfSatisfying(ExecutionOutcome.Failed.class, failed -> {
          assertThat(failed.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
          assertThat(failed.cause()).startsWith("2 of 3 items failed");
        });
  }

  @Test
  void anInlineMapFailsWithItsFirstFailedIteration() throws Exception {
    String asl = """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
          "ItemSelector": {"mode.$": "$$.Map.Item.Value"},
          "ItemProcessor": {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "%s", "End": true}}},
          "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.error", "Next": "Caught"}], "End": true},
          "Caught": {"Type": "Pass", "OutputPath": "$.error.Error", "End": true}}}
        """.formatted(FIXTURE_ARN);
    assertThat(output(run(asl, "{\"items\": [\"echo\", \"throw\"]}", new Asl.RecordedPauses())).asText())
        .isEqualTo("java.lang.IllegalStateException");
  }
}
