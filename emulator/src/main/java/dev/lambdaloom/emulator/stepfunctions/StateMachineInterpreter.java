package dev.lambdaloom.emulator.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Executes a {@link LocalStateMachine} as Step Functions would, its Tasks invoking functions through a
 * {@link FunctionInvoker} (the emulator's Invoke API). One execution per {@link #execute} call; the interpreter itself
 * keeps nothing between executions and may run several at once.
 */
public final class StateMachineInterpreter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final LocalStateMachine machine;
  private final FunctionInvoker invoker;
  private final RetryPause pause;
  private final Clock clock;
  private final String region;
  private final String accountId;

  public StateMachineInterpreter(LocalStateMachine machine, FunctionInvoker invoker, RetryPause pause, Clock clock,
      String region, String accountId) {
    this.machine = machine;
    this.invoker = invoker;
    this.pause = pause;
    this.clock = clock;
    this.region = region;
    this.accountId = accountId;
  }

  /** Tasks invoke the emulator's functions; retries wait as long as their Retry says, in ARNs the emulator's region. */
  public static StateMachineInterpreter onEmulator(LocalStateMachine machine, dev.lambdaloom.emulator.Emulator emulator) {
    return new StateMachineInterpreter(machine, new EmulatorFunctionInvoker(emulator), RetryPause.REAL,
        Clock.systemUTC(), emulator.settings().region(), emulator.settings().accountId());
  }

  /**
   * Runs the state machine on {@code input} to its end.
   *
   * @param executionName the execution's name ({@code $$.Execution.Name}; what the ingest uses as its run id)
   */
  public ExecutionOutcome execute(String executionName, JsonNode input) throws InterruptedException {
    ExecutionHistory history = new ExecutionHistory(clock);
    history.add(HistoryEventType.EXECUTION_STARTED, "", executionName);
    Execution execution = new Execution(history, context(executionName, input));
    try {
      JsonNode output = execution.run(machine.definition(), input, execution.base, "");
      history.add(HistoryEventType.EXECUTION_SUCCEEDED, "", JsonPath.abbreviated(output));
      return new ExecutionOutcome.Succeeded(output, history);
    } catch (StateFailure failure) {
      history.add(HistoryEventType.EXECUTION_FAILED, "", failure.error() + ": " + failure.errorCause());
      return new ExecutionOutcome.Failed(failure.error(), failure.errorCause(), history);
    }
  }

  private ObjectNode context(String executionName, JsonNode input) {
    String machineArn = "arn:aws:states:" + region + ":" + accountId + ":stateMachine:" + machine.name();
    ObjectNode context = NODES.objectNode();
    ObjectNode execution = context.putObject("Execution");
    execution.put("Id", "arn:aws:states:" + region + ":" + accountId + ":execution:" + machine.name() + ":"
        + executionName);
    execution.put("Name", executionName);
    execution.set("Input", input.deepCopy());
    execution.put("StartTime", clock.instant().toString());
    execution.put("RoleArn", "arn:aws:iam::" + accountId + ":role/lambdaloom-local");
    ObjectNode stateMachine = context.putObject("StateMachine");
    stateMachine.put("Id", machineArn);
    stateMachine.put("Name", machine.name());
    return context;
  }

  /** What a state hands on: its output, and the next state's name (null: its machine ends here). */
  private record Step(JsonNode output, String next) {}

  /** The body of a Task or Map, which its Retry runs again. */
  @FunctionalInterface
  private interface Attempt {
    JsonNode run() throws StateFailure, InterruptedException;
  }

  /** One execution's state: its history and context object. */
  private final class Execution {
    private final ExecutionHistory history;
    private final ObjectNode base;

    Execution(ExecutionHistory history, ObjectNode base) {
      this.history = history;
      this.base = base;
    }

    /** @param prefix what names the (sub-)machine's states in the history: {@code Map[2]/} in a Map's iteration 2 */
    JsonNode run(StateMachineDefinition definition, JsonNode input, ObjectNode scope, String prefix)
        throws StateFailure, InterruptedException {
      String current = definition.startAt();
      JsonNode data = input;
      while (true) {
        if (Thread.interrupted()) throw new InterruptedException("the execution was stopped");
        State state = definition.state(current);
        String label = prefix + current;
        ObjectNode context = scope.deepCopy();
        ObjectNode stateContext = context.putObject("State");
        stateContext.put("Name", current);
        stateContext.put("EnteredTime", clock.instant().toString());
        stateContext.put("RetryCount", 0);
        history.add(HistoryEventType.STATE_ENTERED, label, JsonPath.abbreviated(data));
        Step step = step(state, data, context, label, prefix);
        history.add(HistoryEventType.STATE_EXITED, label, JsonPath.abbreviated(step.output()));
        if (step.next() == null) {
          return step.output();
        }
        current = step.next();
        data = step.output();
      }
    }

    private Step step(State state, JsonNode raw, ObjectNode context, String label, String prefix)
        throws StateFailure, InterruptedException {
      return switch (state) {
        case State.Task task -> {
          JsonNode effective = task.flow().effectiveInput(raw, context);
          try {
            JsonNode result = withRetries(task.retry(), label, context, () -> invoke(task, effective, label));
            yield new Step(task.flow().output(raw, result, context), task.next());
          } catch (StateFailure failure) {
            yield caught(task.catches(), failure, raw, label);
          }
        }
        case State.Map map -> {
          JsonNode effective = DataFlow.select(map.flow().inputPath(), raw, context, "InputPath");
          try {
            JsonNode result = withRetries(map.retry(), label, context, () -> iterate(map, effective, context, label));
            yield new Step(map.flow().output(raw, result, context), map.next());
          } catch (StateFailure failure) {
            yield caught(map.catches(), failure, raw, label);
          }
        }
        case State.Pass pass -> {
          JsonNode effective = pass.flow().effectiveInput(raw, context);
          JsonNode result = pass.result() == null ? effective : pass.result().deepCopy();
          yield new Step(pass.flow().output(raw, result, context), pass.next());
        }
        case State.Choice choice -> {
          JsonNode effective = DataFlow.select(choice.flow().inputPath(), raw, context, "InputPath");
          String next = choice.defaultNext();
          for (State.Branch branch : choice.choices()) {
            if (branch.rule().test(effective, context)) {
              next = branch.next();
              break;
            }
          }
          if (next == null) {
            throw new StateFailure("States.NoChoiceMatched", "No Choices matched and there is no Default, in state '"
                + choice.name() + "' on input " + JsonPath.abbreviated(effective));
          }
          yield new Step(DataFlow.select(choice.flow().outputPath(), effective, context, "OutputPath"), next);
        }
        case State.Succeed succeed -> {
          JsonNode effective = DataFlow.select(succeed.flow().inputPath(), raw, context, "InputPath");
          yield new Step(DataFlow.select(succeed.flow().outputPath(), effective, context, "OutputPath"), null);
        }
        case State.Fail fail -> {
          String error = fail.errorPath() == null ? fail.error() : text(fail.errorPath().require(raw, context, "ErrorPath"));
          String cause = fail.causePath() == null ? fail.cause() : text(fail.causePath().require(raw, context, "CausePath"));
          throw new StateFailure(error == null ? "" : error, cause == null ? "" : cause);
        }
      };
    }

    private JsonNode withRetries(List<Retrier> retriers, String label, ObjectNode context, Attempt attempt)
        throws StateFailure, InterruptedException {
      int[] retries = new int[retriers.size()];
      while (true) {
        try {
          return attempt.run();
        } catch (StateFailure failure) {
          int matching = -1;
          for (int i = 0; i < retriers.size() && matching < 0; i++) {
            if (retriers.get(i).errors().matches(failure.error())) matching = i;
          }
          if (matching < 0 || retries[matching] >= retriers.get(matching).maxAttempts()) {
            throw failure;
          }
          Retrier retrier = retriers.get(matching);
          Duration delay = retrier.delayBefore(retries[matching]);
          retries[matching]++;
          ((ObjectNode) context.get("State")).put("RetryCount", retries[matching]);
          history.add(HistoryEventType.RETRY_SCHEDULED, label, failure.error() + ": retry " + retries[matching] + " of "
              + retrier.maxAttempts() + " in " + delay.toMillis() + " ms");
          pause.pause(delay);
        }
      }
    }

    private Step caught(List<Catcher> catchers, StateFailure failure, JsonNode raw, String label) throws StateFailure {
      for (Catcher catcher : catchers) {
        if (catcher.errors().matches(failure.error())) {
          history.add(HistoryEventType.ERROR_CAUGHT, label, failure.error() + " -> " + catcher.next());
          ObjectNode error = NODES.objectNode();
          error.put("Error", failure.error());
          error.put("Cause", failure.errorCause());
          JsonNode output = catcher.resultPath().path() == null ? raw : catcher.resultPath().path().write(raw, error);
          return new Step(output, catcher.next());
        }
      }
      throw failure;
    }

    private JsonNode invoke(State.Task task, JsonNode effective, String label) throws StateFailure, InterruptedException {
      String function;
      JsonNode payload;
      switch (task.target()) {
        case TaskTarget.LambdaInvoke invoke -> {
          JsonNode name = effective.get("FunctionName");
          if (name == null || !name.isTextual()) {
            throw StateFailure.runtime("FunctionName must be a string, in state '" + task.name() + "'");
          }
          function = invoke.function() != null ? invoke.function() : TaskTarget.functionName(name.asText());
          payload = effective.has("Payload") ? effective.get("Payload") : NODES.objectNode();
        }
        case TaskTarget.FunctionArn arn -> {
          function = arn.function();
          payload = effective;
        }
      }
      history.add(HistoryEventType.TASK_SCHEDULED, label, function);
      byte[] bytes;
      try {
        bytes = JSON.writeValueAsBytes(payload);
      } catch (JsonProcessingException e) {
        throw new StateFailure(ErrorNames.RUNTIME, "cannot write the payload: " + e.getOriginalMessage(), e);
      }
      InvokeOutcome outcome = invoker.invoke(function, bytes);
      switch (outcome) {
        case InvokeOutcome.Returned returned -> {
          JsonNode response = parse(returned.payload());
          history.add(HistoryEventType.TASK_SUCCEEDED, label, function);
          if (task.target() instanceof TaskTarget.FunctionArn) {
            return response;
          }
          ObjectNode result = NODES.objectNode();
          result.put("ExecutedVersion", "$LATEST");
          result.set("Payload", response);
          result.put("StatusCode", 200);
          return result;
        }
        case InvokeOutcome.FunctionFailed failed -> {
          String error = failed.errorType() == null || failed.errorType().isBlank() ? "Lambda.Unknown" : failed.errorType();
          history.add(HistoryEventType.TASK_FAILED, label, function + ": " + error);
          throw new StateFailure(error, failed.errorDocument());
        }
        case InvokeOutcome.ServiceFailed refused -> {
          String error = "Lambda." + refused.type();
          history.add(HistoryEventType.TASK_FAILED, label, function + ": " + error);
          throw new StateFailure(error, refused.message());
        }
      }
    }

    private JsonNode iterate(State.Map map, JsonNode effective, ObjectNode context, String label)
        throws StateFailure, InterruptedException {
      JsonNode items = map.itemsPath().require(effective, context, "ItemsPath");
      if (!items.isArray()) {
        throw StateFailure.runtime("ItemsPath '" + map.itemsPath() + "' of state '" + map.name()
            + "' selects " + items.getNodeType() + ", not an array");
      }
      List<JsonNode> inputs = new java.util.ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        if (map.itemSelector() == null) {
          inputs.add(items.get(i));
        } else {
          ObjectNode itemContext = context.deepCopy();
          ObjectNode item = itemContext.putObject("Map").putObject("Item");
          item.put("Index", i);
          item.set("Value", items.get(i));
          inputs.add(map.itemSelector().apply(effective, itemContext));
        }
      }
      MapIterations iterations = new MapIterations(map, inputs, (index, input) ->
          run(map.processor(), input, base, label + "[" + index + "]/"));
      ArrayNode results = iterations.run();
      iterations.failures().forEach((index, failure) -> history.add(HistoryEventType.MAP_ITERATION_FAILED,
          label + "[" + index + "]", failure.error() + ": " + failure.errorCause()));
      iterations.verdict();
      return results;
    }
  }

  private static JsonNode parse(byte[] payload) throws StateFailure {
    if (payload == null || payload.length == 0) {
      return NODES.nullNode();
    }
    try {
      return JSON.readTree(payload);
    } catch (IOException e) {
      throw new StateFailure(ErrorNames.RUNTIME, "the function's response is not JSON: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : node.toString();
  }
}
