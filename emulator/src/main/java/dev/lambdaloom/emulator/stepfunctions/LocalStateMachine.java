package dev.lambdaloom.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.template.StateMachineConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A template's state machine, read and checked against the template's functions, ready to execute. */
public final class LocalStateMachine {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final StateMachineDefinition definition;

  private LocalStateMachine(String name, StateMachineDefinition definition) {
    this.name = name;
    this.definition = definition;
  }

  /** @throws DefinitionException naming the state machine, the state and the fix */
  public static LocalStateMachine load(StateMachineConfig config, Set<String> declaredFunctions) {
    if (!config.type().equals("STANDARD") && !config.type().equals("EXPRESS")) {
      throw new DefinitionException("state machine " + config.name() + ": Type must be STANDARD or EXPRESS, not "
          + config.type());
    }
    JsonNode document = JSON.valueToTree(config.definition());
    return new LocalStateMachine(config.name(), AslReader.read(document, config.name(), declaredFunctions));
  }

  /** Every state machine of the template, each checked; the first that fails to load throws. */
  public static Map<String, LocalStateMachine> allOf(SamTemplate template) {
    Map<String, LocalStateMachine> machines = new LinkedHashMap<>();
    template.stateMachines().forEach((id, config) -> machines.put(id, load(config, template.functions().keySet())));
    return machines;
  }

  /** The state machine called {@code name} in the template, or an error listing those it has. */
  public static LocalStateMachine named(SamTemplate template, String name) {
    StateMachineConfig config = template.stateMachines().get(name);
    if (config == null) {
      throw new DefinitionException("the template " + template.file() + " has no state machine '" + name + "'"
          + (template.stateMachines().isEmpty() ? " (it declares none)"
          : "; it has " + String.join(", ", template.stateMachines().keySet())));
    }
    return load(config, template.functions().keySet());
  }

  public String name() {
    return name;
  }

  /** The functions its Tasks invoke, Map processors included: what its policies must let it invoke. */
  public java.util.SortedSet<String> invokedFunctions() {
    java.util.SortedSet<String> functions = new java.util.TreeSet<>();
    collect(definition, functions);
    return functions;
  }

  private static void collect(StateMachineDefinition definition, java.util.SortedSet<String> functions) {
    for (State state : definition.states().values()) {
      switch (state) {
        case State.Task task -> {
          switch (task.target()) {
            case TaskTarget.LambdaInvoke invoke -> {
              if (invoke.function() != null) functions.add(invoke.function());
            }
            case TaskTarget.FunctionArn arn -> functions.add(arn.function());
          }
        }
        case State.Map map -> collect(map.processor(), functions);
        case State.Choice c -> { }
        case State.Pass p -> { }
        case State.Succeed s -> { }
        case State.Fail f -> { }
      }
    }
  }

  StateMachineDefinition definition() {
    return definition;
  }
}
