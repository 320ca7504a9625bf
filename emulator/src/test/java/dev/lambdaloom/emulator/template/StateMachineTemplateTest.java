package dev.lambdaloom.emulator.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State machines read from a SAM template: intrinsics resolved, then DefinitionSubstitutions applied. */
class StateMachineTemplateTest {
  @TempDir Path dir;

  private Path write(String stateMachine) throws IOException {
    return Files.writeString(dir.resolve("template.yaml"), """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Work:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: java25
              Handler: a.B::handleRequest
              CodeUri: work.zip
          Loop:
            Type: AWS::Serverless::StateMachine
            Properties:
        """ + stateMachine.indent(6));
  }

  @Test
  void substitutesDefinitionSubstitutionsAfterResolvingTheirIntrinsics() throws IOException {
    Path file = write("""
        DefinitionSubstitutions:
          WorkArn: !GetAtt Work.Arn
        Definition:
          StartAt: Call
          States:
            Call:
              Type: Task
              Resource: arn:aws:states:::lambda:invoke
              Parameters:
                FunctionName: ${WorkArn}
                Payload.$: $
                Region: !Ref AWS::Region
              End: true
        """);
    StateMachineConfig loop = SamTemplate.load(file).stateMachines().get("Loop");
    assertThat(loop.type()).isEqualTo("STANDARD");
    Map<?, ?> parameters = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) loop.definition().get("States")).get("Call"))
        .get("Parameters");
    assertThat(parameters.get("FunctionName")).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:Work");
    assertThat(parameters.get("Payload.$")).isEqualTo("$");
    assertThat(parameters.get("Region")).isEqualTo("us-east-1");
  }

  @Test
  void refusesAVariableWithoutASubstitutionNamingWhereAndWhatToAdd() throws IOException {
    Path file = write("""
        Definition:
          StartAt: Call
          States:
            Call: {Type: Task, Resource: "${Missing}", End: true}
        """);
    assertThatThrownBy(() -> SamTemplate.load(file)).isInstanceOf(TemplateException.class)
        .hasMessageContaining("Loop.Definition.States.Call.Resource").hasMessageContaining("${Missing}")
        .hasMessageContaining("add Missing to DefinitionSubstitutions");
  }

  @Test
  void refusesAStateMachineWithoutADefinition() throws IOException {
    Path file = write("Type: STANDARD\n");
    assertThatThrownBy(() -> SamTemplate.load(file)).hasMessageContaining("Loop: a state machine needs Definition");
  }
}
