package dev.lambdaloom.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A state of a definition, read and checked when the definition loads. {@code next} is the following state's name, or
 * null where the state ends its (sub-)machine.
 */
sealed interface State {
  String name();

  record Task(String name, DataFlow flow, TaskTarget target, List<Retrier> retry, List<Catcher> catches, String next)
      implements State {
    public Task {
      retry = List.copyOf(retry);
      catches = List.copyOf(catches);
    }
  }

  record Choice(String name, DataFlow flow, List<Branch> choices, String defaultNext) implements State {
    public Choice {
      choices = List.copyOf(choices);
    }
  }

  /** One of a Choice state's Choices: the rule, and where to go when it holds. */
  record Branch(ChoiceRule rule, String next) {}

  /**
   * @param itemsPath the array to iterate over, in the effective input
   * @param itemSelector each iteration's input from the item and the context; null: the item itself
   * @param processor the states each item runs through
   * @param distributed ProcessorConfig Mode DISTRIBUTED: child executions, failures tolerated as configured
   * @param maxConcurrency iterations at once; 0 means no limit
   * @param toleratedFailurePercentage 0..100, or -1 when not given (distributed only)
   * @param toleratedFailureCount -1 when not given (distributed only); with neither given, no failure is tolerated
   */
  record Map(String name, DataFlow flow, JsonPath itemsPath, PayloadTemplate itemSelector,
      StateMachineDefinition processor, boolean distributed, int maxConcurrency, double toleratedFailurePercentage,
      long toleratedFailureCount, List<Retrier> retry, List<Catcher> catches, String next) implements State {
    public Map {
      retry = List.copyOf(retry);
      catches = List.copyOf(catches);
    }
  }

  /** @param result the Result as written, or null: then the effective input is the result */
  record Pass(String name, DataFlow flow, JsonNode result, String next) implements State {}

  record Succeed(String name, DataFlow flow) implements State {}

  /** Error and Cause written out, or taken from the input by ErrorPath and CausePath (each may be null). */
  record Fail(String name, String error, String cause, JsonPath errorPath, JsonPath causePath) implements State {}
}
