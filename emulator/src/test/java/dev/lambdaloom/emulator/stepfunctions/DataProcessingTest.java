package dev.lambdaloom.emulator.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Choice rules and input/output processing, on documents of Pass, Choice, Succeed and Fail states only. */
class DataProcessingTest {
  private static ExecutionOutcome run(String asl, String input) throws InterruptedException {
    return Asl.withoutTasks(Asl.machine(asl)).execute("exec-1", Asl.json(input));
  }

  private static final String ROUTER = """
      {"StartAt": "Route", "States": {
        "Route": {"Type": "Choice", "Choices": [
          {"And": [{"Variable": "$.kind", "StringEquals": "order"}, {"Variable": "$.total", "NumericGreaterThanPath": "$.limit"}],
           "Next": "Big"},
          {"Or": [{"Not": {"Variable": "$.resume", "IsPresent": true}}, {"Variable": "$.resume", "IsNull": true}],
           "Next": "Done"},
          {"Variable": "$.name", "StringMatches": "log-*.txt", "Next": "Log"},
          {"Variable": "$.flag", "BooleanEquals": true, "Next": "Flagged"}],
         "Default": "Other"},
        "Big": {"Type": "Pass", "Result": "big", "End": true},
        "Done": {"Type": "Pass", "Result": "done", "End": true},
        "Log": {"Type": "Pass", "Result": "log", "End": true},
        "Flagged": {"Type": "Pass", "Result": "flagged", "End": true},
        "Other": {"Type": "Pass", "Result": "other", "End": true}}}
      """;

  @Test
  void choicePicksTheFirstRuleThatHoldsElseTheDefault() throws Exception {
    assertThat(output(ROUTER, "{\"kind\": \"order\", \"total\": 12, \"limit\": 10, \"resume\": null}")).isEqualTo("\"big\"");
    assertThat(output(ROUTER, "{\"kind\": \"order\", \"total\": 9, \"limit\": 10, \"resume\": null}")).isEqualTo("\"done\"");
    assertThat(output(ROUTER, "{\"kind\": \"x\", \"total\": 0, \"limit\": 1}")).isEqualTo("\"done\"");
    assertThat(output(ROUTER, "{\"kind\": \"x\", \"total\": 0, \"limit\": 1, \"resume\": \"t\", \"name\": \"log-7.txt\"}")).isEqualTo("\"log\"");
    assertThat(output(ROUTER, "{\"kind\": \"x\", \"total\": 0, \"limit\": 1, \"resume\": \"t\", \"name\": \"log-7.csv\", \"flag\": true}")).isEqualTo("\"flagged\"");
    assertThat(output(ROUTER, "{\"kind\": \"x\", \"total\": 0, \"limit\": 1, \"resume\": \"t\", \"name\": 3, \"flag\": \"true\"}")).isEqualTo("\"other\"");
  }

  private static String output(String asl, String input) throws InterruptedException {
    ExecutionOutcome outcome = run(asl, input);
    assertThat(outcome).isInstanceOf(ExecutionOutcome.Succeeded.class);
    return ((ExecutionOutcome.Succeeded) outcome).output().toString();
  }

  @Test
  void aChoiceOnAMissingVariableFailsWithStatesRuntime() throws Exception {
    String asl = """
        {"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [{"Variable": "$.missing", "StringEquals": "a", "Next": "S"}], "Default": "S"},
          "S": {"Type": "Succeed"}}}
        """;
    assertThat(run(asl, "{}")).isInstanceOfSatisfying(ExecutionOutcome.Failed.class, failed -> {
      assertThat(failed.error()).isEqualTo("States.Runtime");
      assertThat(failed.cause()).contains("$.missing");
    });
  }

  @Test
  void parametersResultPathAndOutputPathShapeWhatEachStateHandsOn() throws Exception {
    String asl = """
        {"StartAt": "Shape", "States": {
          "Shape": {"Type": "Pass", "InputPath": "$.order",
            "Parameters": {"id.$": "$.items[1].id", "run.$": "$$.Execution.Name", "fixed": {"n": 1}, "list": [{"a.$": "$.items[0].id"}]},
            "ResultPath": "$.shaped.now", "Next": "Keep"},
          "Keep": {"Type": "Pass", "ResultPath": null, "OutputPath": "$.shaped", "Next": "End"},
          "End": {"Type": "Succeed"}}}
        """;
    String out = output(asl, "{\"order\": {\"items\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}, \"other\": 1}");
    assertThat(Asl.json(out)).isEqualTo(Asl.json(
        "{\"now\": {\"id\": \"b\", \"run\": \"exec-1\", \"fixed\": {\"n\": 1}, \"list\": [{\"a\": \"a\"}]}}"));
  }

  @Test
  void aResultPathThroughSomethingNotAnObjectFailsWithResultPathMatchFailure() throws Exception {
    String asl = """
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "ResultPath": "$.a.b", "End": true}}}
        """;
    assertThat(run(asl, "{\"a\": 5}")).isInstanceOfSatisfying(ExecutionOutcome.Failed.class,
        failed -> assertThat(failed.error()).isEqualTo("States.ResultPathMatchFailure"));
  }

  @Test
  void failEndsTheExecutionWithItsErrorAndCauseWrittenOrSelected() throws Exception {
    String written = """
        {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Nope", "Cause": "because"}}}
        """;
    assertThat(run(written, "{}")).isInstanceOfSatisfying(ExecutionOutcome.Failed.class, failed -> {
      assertThat(failed.error()).isEqualTo("Nope");
      assertThat(failed.cause()).isEqualTo("because");
    });
    String selected = """
        {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.e.Error", "CausePath": "$.e.Cause"}}}
        """;
    assertThat(run(selected, "{\"e\": {\"Error\": \"Boom\", \"Cause\": \"{\\\"x\\\":1}\"}}"))
        .isInstanceOfSatisfying(ExecutionOutcome.Failed.class, failed -> {
          assertThat(failed.error()).isEqualTo("Boom");
          assertThat(failed.cause()).isEqualTo("{\"x\":1}");
        });
  }

  @Test
  void anInlineMapOfPassStatesKeepsItemOrderAndSeesItsItemInTheContext() throws Exception {
    String asl = """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
          "ItemSelector": {"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index", "tag.$": "$.tag"},
          "ItemProcessor": {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}},
          "ResultPath": "$.results", "End": true}}}
        """;
    String out = output(asl, "{\"items\": [\"a\", \"b\", \"c\"], \"tag\": \"t\"}");
    assertThat(Asl.json(out).get("results")).isEqualTo(Asl.json("""
        [{"value": "a", "index": 0, "tag": "t"}, {"value": "b", "index": 1, "tag": "t"}, {"value": "c", "index": 2, "tag": "t"}]
        """));
  }

  @Test
  void theHistoryRecordsEachStateEnteredAndExitedInOrder() throws Exception {
    String asl = """
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}
        """;
    var types = run(asl, "{}").history().events().stream().map(e -> e.type() + " " + e.state()).toList();
    assertThat(types).containsExactly("EXECUTION_STARTED ", "STATE_ENTERED A", "STATE_EXITED A", "STATE_ENTERED B",
        "STATE_EXITED B", "EXECUTION_SUCCEEDED ");
  }
}
