package dev.lambdaloom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.stepfunctions.DefinitionException;
import dev.lambdaloom.emulator.stepfunctions.ExecutionOutcome;
import dev.lambdaloom.emulator.stepfunctions.HistoryEvent;
import dev.lambdaloom.emulator.stepfunctions.HistoryEventType;
import dev.lambdaloom.emulator.stepfunctions.LocalStateMachine;
import dev.lambdaloom.emulator.stepfunctions.StateMachineInterpreter;
import dev.lambdaloom.emulator.template.SamTemplate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run-state-machine", mixinStandardHelpOptions = true,
    description = {"Execute one of the template's Step Functions state machines locally, its Tasks on the emulator.",
        "The execution's output goes to stdout, its history to stderr (functions' logs with --verbose). Exits 1 when"
            + " the execution fails, printing its error and cause."})
final class RunStateMachineCommand implements Callable<Integer> {
  /** The history a reader follows: what ran, what failed, what was retried or caught. */
  private static final Set<HistoryEventType> SHOWN = EnumSet.of(HistoryEventType.TASK_SCHEDULED,
      HistoryEventType.TASK_FAILED, HistoryEventType.RETRY_SCHEDULED, HistoryEventType.ERROR_CAUGHT,
      HistoryEventType.MAP_ITERATION_FAILED, HistoryEventType.EXECUTION_SUCCEEDED, HistoryEventType.EXECUTION_FAILED);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin EmulatorOptions options;

  @Parameters(index = "0", paramLabel = "NAME", description = "Logical id of the state machine in the template")
  String name;

  @Option(names = {"-i", "--input"}, paramLabel = "FILE|-", description = "Execution input JSON file, or - for stdin"
      + " (default: {})")
  String input;

  @Option(names = "--execution-name", paramLabel = "NAME",
      description = "The execution's name ($$.Execution.Name; the sharded ingest's run ids start with it). Default: a"
          + " new UUID, as Step Functions makes")
  String executionName;

  @Option(names = "--verbose", description = "Print the functions' logs to stderr too")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    JsonNode document = readInput();
    SamTemplate template = options.loadTemplate();
    LocalStateMachine machine;
    try {
      machine = LocalStateMachine.named(template, name);
    } catch (DefinitionException e) {
      throw new UserFacingException(e.getMessage());
    }
    options.announce(System.err);
    String execution = executionName == null ? UUID.randomUUID().toString() : executionName;
    try (Emulator emulator = options.start(verbose ? LogSink.printTo(System.err, false) : LogSink.discard())) {
      ExecutionOutcome outcome = StateMachineInterpreter.onEmulator(machine, emulator).execute(execution, document);
      printHistory(outcome, System.err);
      return switch (outcome) {
        case ExecutionOutcome.Succeeded succeeded -> {
          System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(succeeded.output()));
          yield 0;
        }
        case ExecutionOutcome.Failed failed -> {
          System.err.println("execution " + execution + " failed: " + failed.error() + ": " + failed.cause());
          yield 1;
        }
      };
    }
  }

  private static void printHistory(ExecutionOutcome outcome, PrintStream err) {
    for (HistoryEvent event : outcome.history().events()) {
      if (SHOWN.contains(event.type())) {
        err.println("  " + event);
      }
    }
  }

  private JsonNode readInput() throws IOException {
    byte[] bytes;
    if (input == null) {
      return JSON.createObjectNode();
    } else if (input.equals("-")) {
      bytes = System.in.readAllBytes();
    } else {
      Path file = Path.of(input);
      if (!Files.isRegularFile(file)) {
        throw new UserFacingException("input file not found: " + file.toAbsolutePath());
      }
      bytes = Files.readAllBytes(file);
    }
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UserFacingException("the input is not JSON: " + e.getMessage());
    }
  }
}
