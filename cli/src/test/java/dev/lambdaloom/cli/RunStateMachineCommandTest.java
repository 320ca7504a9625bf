package dev.lambdaloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code run-state-machine} on a template with the hello function's real zip. */
class RunStateMachineCommandTest {
  private static final Path HELLO_ZIP = Path.of("..", "functions", "hello", "target", "hello.zip").toAbsolutePath()
      .normalize();

  @TempDir Path dir;
  @RegisterExtension final CapturedConsole console = new CapturedConsole();

  private Path template() throws Exception {
    return Files.writeString(dir.resolve("template.yaml"), """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          HelloFunction:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: java25
              CodeUri: %s
              Handler: dev.lambdaloom.functions.hello.HelloHandler::handleRequest
              MemorySize: 512
              Timeout: 10
          Greet:
            Type: AWS::Serverless::StateMachine
            Properties:
              DefinitionSubstitutions:
                HelloArn: !GetAtt HelloFunction.Arn
              Definition:
                StartAt: Hello
                States:
                  Hello:
                    Type: Task
                    Resource: arn:aws:states:::lambda:invoke
                    Parameters:
                      FunctionName: ${HelloArn}
                      Payload:
                        name.$: $.who
                    OutputPath: $.Payload
                    Next: Known
                  Known:
                    Type: Choice
                    Choices:
                      - Variable: $.message
                        StringMatches: "Hello, *!"
                        Next: Done
                    Default: Refuse
                  Done:
                    Type: Succeed
                  Refuse:
                    Type: Fail
                    Error: UnexpectedGreeting
                    Cause: the greeting had another shape
          Broken:
            Type: AWS::Serverless::StateMachine
            Properties:
              Definition:
                StartAt: A
                States:
                  A: {Type: Pass, Next: Nowhere}
        """.formatted(HELLO_ZIP));
  }

  @Test
  void printsTheOutputOnStdoutAndTheHistoryOnStderr() throws Exception {
    Path input = Files.writeString(dir.resolve("input.json"), "{\"who\": \"Ada\"}");

    int exit = Main.run("run-state-machine", "Greet", "--template", template().toString(), "--input", input.toString(),
        "--execution-name", "first");

    assertThat(exit).isZero();
    assertThat(console.out()).contains("\"message\" : \"Hello, Ada!\"");
    assertThat(console.err()).contains("TASK_SCHEDULED Hello: HelloFunction", "EXECUTION_SUCCEEDED");
  }

  @Test
  void exitsNonZeroWithTheErrorAndCauseWhenTheExecutionFails() throws Exception {
    Path input = Files.writeString(dir.resolve("input.json"), "{}");

    int exit = Main.run("run-state-machine", "Greet", "--template", template().toString(), "--input", input.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(console.out()).isEmpty();
    assertThat(console.err()).contains("failed: States.Runtime: The JSONPath '$.who' could not be found in the input {}");
  }

  @Test
  void refusesADefinitionThatCannotRunNamingTheStateBeforeStartingAnything() throws Exception {
    int exit = Main.run("run-state-machine", "Broken", "--template", template().toString());

    assertThat(exit).isEqualTo(2);
    assertThat(console.err()).contains("state machine Broken, state 'A': goes to 'Nowhere', which is not a state");
  }

  @Test
  void refusesAnUnknownStateMachineListingTheTemplatesOnes() throws Exception {
    assertThat(Main.run("run-state-machine", "Nope", "--template", template().toString())).isEqualTo(2);
    assertThat(console.err()).contains("no state machine 'Nope'; it has Greet, Broken");
  }
}
