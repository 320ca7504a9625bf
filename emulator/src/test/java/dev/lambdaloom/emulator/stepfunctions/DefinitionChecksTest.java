package dev.lambdaloom.emulator.stepfunctions;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a definition is refused for when it loads: each error names the state machine, the state and the fix. */
class DefinitionChecksTest {
  @Test
  void refusesAStartAtThatIsNotAState() {
    assertThatThrownBy(() -> Asl.machine("""
        {"StartAt": "Nope", "States": {"A": {"Type": "Succeed"}}}"""))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("state machine Test")
        .hasMessageContaining("StartAt 'Nope' is not a state").hasMessageContaining("[A]");
  }

  @Test
  void refusesANextThatIsNotAStateNamingTheStateThatGoesThere() {
    assertThatThrownBy(() -> Asl.machine("""
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Gone"}}}"""))
        .hasMessageContaining("state 'A'").hasMessageContaining("goes to 'Gone', which is not a state");
  }

  @Test
  void refusesAStateNothingLeadsTo() {
    assertThatThrownBy(() -> Asl.machine("""
        {"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "Orphan": {"Type": "Succeed"}}}"""))
        .hasMessageContaining("[Orphan] cannot be reached from StartAt 'A'");
  }

  @Test
  void refusesAStateThatNeitherGoesOnNorEnds() {
    assertThatThrownBy(() -> Asl.machine("""
        {"StartAt": "A", "States": {"A": {"Type": "Pass"}}}"""))
        .hasMessageContaining("state 'A'").hasMessageContaining("neither Next nor End");
    assertThatThrownBy(() -> Asl.machine("""
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A", "End": true}}}"""))
        .hasMessageContaining("both Next and End");
  }

  @Test
  void refusesATaskOnAFunctionTheTemplateDoesNotDeclare() {
    assertThatThrownBy(() -> Asl.machine("""
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:Ghost", "Payload.$": "$"},
          "End": true}}}""", "Fixture"))
        .hasMessageContaining("state 'T'").hasMessageContaining("invokes 'Ghost'")
        .hasMessageContaining("declared functions: Fixture");
  }

  @Test
  void refusesStatesAllThatIsNotAloneAndLast() {
    assertThatThrownBy(() -> Asl.machine("""
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:Fixture",
          "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}], "End": true}}}""", "Fixture"))
        .hasMessageContaining("Retry[0]").hasMessageContaining("States.ALL must be alone");
  }

  @Test
  void refusesUnreachableStatesInsideAMapsProcessorNamingTheMap() {
    assertThatThrownBy(() -> Asl.machine("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "A",
          "States": {"A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}}}}}}"""))
        .hasMessageContaining("Map 'M'").hasMessageContaining("[B] cannot be reached");
  }

  @Test
  void refusesAPathItCannotRead() {
    assertThatThrownBy(() -> Asl.machine("""
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "$.a[*]", "End": true}}}"""))
        .hasMessageContaining("state 'A'.InputPath").hasMessageContaining("no wildcards");
  }
}
