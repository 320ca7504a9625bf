package dev.lambdaloom.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a States Language document into {@link StateMachineDefinition}, checking as it goes what would otherwise fail
 * halfway through an execution: StartAt and every Next, Default and Catch target name a state of the same (sub-)machine;
 * every state is reachable from StartAt; each state either goes on or ends, not both; paths can be read; Retry's
 * States.ALL stands alone and last; a Task's function is one the template declares. Each error names the state machine,
 * the state and what to change. One instance per document.
 */
final class AslReader {
  private final String machine;
  private final Set<String> declaredFunctions;

  private AslReader(String machine, Set<String> declaredFunctions) {
    this.machine = machine;
    this.declaredFunctions = Set.copyOf(declaredFunctions);
  }

  /**
   * @param machine the state machine's name, for error messages
   * @param declaredFunctions the functions a Task may invoke (the template's logical ids)
   */
  static StateMachineDefinition read(JsonNode document, String machine, Set<String> declaredFunctions) {
    return new AslReader(machine, declaredFunctions).machine(document, "");
  }

  private StateMachineDefinition machine(JsonNode document, String scope) {
    String where = "state machine " + machine + scope;
    if (document == null || !document.isObject()) {
      throw new DefinitionException(where + ": the definition must be an object with StartAt and States");
    }
    if (document.has("QueryLanguage") && !"JSONPath".equals(document.get("QueryLanguage").asText())) {
      throw new DefinitionException(where + ": QueryLanguage " + document.get("QueryLanguage").asText()
          + " is not run locally; write the definition in JSONPath (the default)");
    }
    JsonNode states = document.get("States");
    if (states == null || !states.isObject() || states.isEmpty()) {
      throw new DefinitionException(where + ": States is missing or empty");
    }
    String startAt = text(document, "StartAt", where);
    if (startAt == null) {
      throw new DefinitionException(where + ": StartAt is missing; name the first state (one of " + names(states) + ")");
    }
    if (!states.has(startAt)) {
      throw new DefinitionException(where + ": StartAt '" + startAt + "' is not a state; the states are " + names(states));
    }
    Map<String, State> read = new LinkedHashMap<>();
    for (var entry : states.properties()) {
      read.put(entry.getKey(), state(entry.getKey(), entry.getValue(), where + ", state '" + entry.getKey() + "'", scope));
    }
    StateMachineDefinition definition = new StateMachineDefinition(startAt, read);
    checkTransitions(definition, where);
    return definition;
  }

  private State state(String name, JsonNode node, String where, String scope) {
    if (!node.isObject()) throw new DefinitionException(where + ": a state must be an object");
    String type = text(node, "Type", where);
    if (type == null) throw new DefinitionException(where + ": Type is missing");
    return switch (type) {
      case "Task" -> task(name, node, where);
      case "Choice" -> choice(name, node, where);
      case "Map" -> map(name, node, where, scope);
      case "Pass" -> new State.Pass(name, flow(node, where, true, false, true), node.get("Result"), next(node, where));
      case "Succeed" -> {
        refuseNext(node, where);
        yield new State.Succeed(name, flow(node, where, false, false, false));
      }
      case "Fail" -> {
        refuseNext(node, where);
        yield new State.Fail(name, text(node, "Error", where), text(node, "Cause", where),
            optionalPath(node, "ErrorPath", where), optionalPath(node, "CausePath", where));
      }
      case "Wait", "Parallel" -> throw new DefinitionException(where + ": " + type + " states are not run locally (the"
          + " interpreter runs Task, Choice, Map, Pass, Succeed and Fail)");
      default -> throw new DefinitionException(where + ": unknown Type '" + type + "'; the States Language has Task,"
          + " Choice, Map, Pass, Succeed, Fail, Wait and Parallel");
    };
  }

  private State.Task task(String name, JsonNode node, String where) {
    String resource = text(node, "Resource", where);
    if (resource == null) throw new DefinitionException(where + ": a Task needs a Resource");
    DataFlow flow = flow(node, where, true, true, true);
    TaskTarget target;
    if (resource.equals(TaskTarget.LAMBDA_INVOKE)) {
      if (!(flow.parameters() instanceof PayloadTemplate.Fields fields) || !fields.fields().containsKey("FunctionName")) {
        throw new DefinitionException(where + ": " + TaskTarget.LAMBDA_INVOKE + " needs Parameters with FunctionName"
            + " (and Payload)");
      }
      String function = fields.fields().get("FunctionName") instanceof PayloadTemplate.Literal literal
          && literal.value().isTextual() ? declared(TaskTarget.functionName(literal.value().asText()), where) : null;
      target = new TaskTarget.LambdaInvoke(function);
    } else if (resource.startsWith("arn:aws:lambda:") || resource.startsWith("arn:aws-") && resource.contains(":lambda:")) {
      target = new TaskTarget.FunctionArn(declared(TaskTarget.functionName(resource), where));
    } else {
      throw new DefinitionException(where + ": Resource '" + resource + "' is not run locally; use "
          + TaskTarget.LAMBDA_INVOKE + " or a function's ARN");
    }
    return new State.Task(name, flow, target, retriers(node, where), catchers(node, where), next(node, where));
  }

  private String declared(String function, String where) {
    if (!declaredFunctions.contains(function)) {
      throw new DefinitionException(where + ": the Task invokes '" + function + "', which the template does not"
          + " declare; declared functions: " + String.join(", ", declaredFunctions.stream().sorted().toList()));
    }
    return function;
  }

  private State.Choice choice(String name, JsonNode node, String where) {
    refuseNext(node, where);
    JsonNode choices = node.get("Choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      throw new DefinitionException(where + ": a Choice needs a non-empty Choices list");
    }
    List<State.Branch> branches = new ArrayList<>();
    for (int i = 0; i < choices.size(); i++) {
      String at = where + ", Choices[" + i + "]";
      String next = text(choices.get(i), "Next", at);
      if (next == null) throw new DefinitionException(at + ": Next is missing");
      branches.add(new State.Branch(rule(choices.get(i), at), next));
    }
    return new State.Choice(name, flow(node, where, false, false, false), branches, text(node, "Default", where));
  }

  private ChoiceRule rule(JsonNode node, String where) {
    if (node.has("And") || node.has("Or")) {
      String op = node.has("And") ? "And" : "Or";
      JsonNode list = node.get(op);
      if (!list.isArray() || list.isEmpty()) throw new DefinitionException(where + ": " + op + " needs a non-empty list");
      List<ChoiceRule> rules = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        rules.add(rule(list.get(i), where + "." + op + "[" + i + "]"));
      }
      return op.equals("And") ? new ChoiceRule.And(rules) : new ChoiceRule.Or(rules);
    }
    if (node.has("Not")) {
      return new ChoiceRule.Not(rule(node.get("Not"), where + ".Not"));
    }
    String variable = text(node, "Variable", where);
    if (variable == null) {
      throw new DefinitionException(where + ": a rule needs Variable and a comparison, or And, Or or Not");
    }
    for (var field : node.properties()) {
      String key = field.getKey();
      if (key.equals("Variable") || key.equals("Next") || key.equals("Comment")) continue;
      boolean pathForm = key.endsWith("Path");
      var operator = ChoiceOperator.byLabel(pathForm ? key.substring(0, key.length() - 4) : key);
      if (operator.isEmpty() || pathForm && !operator.get().hasPathForm()) {
        throw new DefinitionException(where + ": unknown comparison '" + key + "'");
      }
      JsonNode value = field.getValue();
      if (pathForm) {
        return new ChoiceRule.Comparison(path(variable, where + ".Variable"), operator.get(), null,
            path(value.asText(), where + "." + key));
      }
      boolean fits = switch (operator.get().kind()) {
        case STRING, TIMESTAMP -> value.isTextual();
        case NUMERIC -> value.isNumber();
        case BOOLEAN, TYPE_TEST -> value.isBoolean();
      };
      if (!fits) throw new DefinitionException(where + ": " + key + " does not take " + value);
      return new ChoiceRule.Comparison(path(variable, where + ".Variable"), operator.get(), value, null);
    }
    throw new DefinitionException(where + ": the rule on " + variable + " has no comparison (StringEquals, IsNull...)");
  }

  private State.Map map(String name, JsonNode node, String where, String scope) {
    JsonNode processor = node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
    if (processor == null) throw new DefinitionException(where + ": a Map needs an ItemProcessor");
    JsonNode config = processor.path("ProcessorConfig");
    boolean distributed = "DISTRIBUTED".equals(config.path("Mode").asText("INLINE"));
    if (node.has("ItemReader")) {
      throw new DefinitionException(where + ": ItemReader (items read from S3) is not run locally; pass the items in"
          + " the input and select them with ItemsPath");
    }
    StateMachineDefinition inner = machine(processor, scope + ", Map '" + name + "'");
    JsonNode selectorNode = node.has("ItemSelector") ? node.get("ItemSelector") : node.get("Parameters");
    PayloadTemplate selector = selectorNode == null ? null : PayloadTemplate.parse(selectorNode, where + ".ItemSelector");
    // The Map's own Parameters are its ItemSelector (the older name): they are not applied to the Map's input.
    DataFlow flow = flow(node, where, false, true, true);
    int maxConcurrency = (int) number(node, "MaxConcurrency", 0, 0, Integer.MAX_VALUE, where);
    double percentage = number(node, "ToleratedFailurePercentage", -1, 0, 100, where);
    long count = (long) number(node, "ToleratedFailureCount", -1, 0, Long.MAX_VALUE, where);
    if (!distributed && (node.has("ToleratedFailurePercentage") || node.has("ToleratedFailureCount"))) {
      throw new DefinitionException(where + ": ToleratedFailurePercentage/Count apply to a DISTRIBUTED Map only (set"
          + " ItemProcessor.ProcessorConfig.Mode: DISTRIBUTED)");
    }
    String itemsPath = node.has("ItemsPath") ? node.get("ItemsPath").asText() : "$";
    return new State.Map(name, flow, path(itemsPath, where + ".ItemsPath"), selector, inner, distributed,
        maxConcurrency, percentage, count, retriers(node, where), catchers(node, where), next(node, where));
  }

  /** @param parameters whether the state takes Parameters (a Map's are its ItemSelector, read apart) */
  private DataFlow flow(JsonNode node, String where, boolean parameters, boolean resultSelector, boolean resultPath) {
    return new DataFlow(pathField(node, "InputPath", where),
        parameters && node.has("Parameters") ? PayloadTemplate.parse(node.get("Parameters"), where + ".Parameters") : null,
        resultSelector && node.has("ResultSelector")
            ? PayloadTemplate.parse(node.get("ResultSelector"), where + ".ResultSelector") : null,
        resultPath ? resultPath(node, "ResultPath", where) : PathField.WHOLE, pathField(node, "OutputPath", where));
  }

  private List<Retrier> retriers(JsonNode node, String where) {
    List<Retrier> retriers = new ArrayList<>();
    JsonNode list = node.path("Retry");
    for (int i = 0; i < list.size(); i++) {
      JsonNode r = list.get(i);
      String at = where + ", Retry[" + i + "]";
      ErrorNames errors = errorNames(r, at, i == list.size() - 1);
      retriers.add(new Retrier(errors,
          (int) number(r, "IntervalSeconds", Retrier.DEFAULT_INTERVAL_SECONDS, 1, 99_999_999, at),
          (int) number(r, "MaxAttempts", Retrier.DEFAULT_MAX_ATTEMPTS, 0, 99_999_999, at),
          number(r, "BackoffRate", Retrier.DEFAULT_BACKOFF_RATE, 1, Double.MAX_VALUE, at),
          (int) number(r, "MaxDelaySeconds", 0, 1, 31_622_400, at)));
    }
    return retriers;
  }

  private List<Catcher> catchers(JsonNode node, String where) {
    List<Catcher> catchers = new ArrayList<>();
    JsonNode list = node.path("Catch");
    for (int i = 0; i < list.size(); i++) {
      JsonNode c = list.get(i);
      String at = where + ", Catch[" + i + "]";
      String next = text(c, "Next", at);
      if (next == null) throw new DefinitionException(at + ": Next is missing");
      catchers.add(new Catcher(errorNames(c, at, i == list.size() - 1), resultPath(c, "ResultPath", at), next));
    }
    return catchers;
  }

  private static ErrorNames errorNames(JsonNode node, String where, boolean last) {
    JsonNode list = node.get("ErrorEquals");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new DefinitionException(where + ": ErrorEquals must list at least one error name");
    }
    List<String> names = new ArrayList<>();
    list.forEach(n -> names.add(n.asText()));
    if (names.contains(ErrorNames.ALL) && (names.size() > 1 || !last)) {
      throw new DefinitionException(where + ": States.ALL must be alone in its ErrorEquals and in the last entry");
    }
    return new ErrorNames(names);
  }

  private static String next(JsonNode node, String where) {
    boolean end = node.path("End").asBoolean(false);
    String next = text(node, "Next", where);
    if (end == (next != null)) {
      throw new DefinitionException(where + (end ? ": has both Next and End: true; keep one"
          : ": has neither Next nor End: true; name the next state or end here"));
    }
    return next;
  }

  private static void refuseNext(JsonNode node, String where) {
    if (node.has("Next") || node.has("End")) {
      throw new DefinitionException(where + ": a " + node.get("Type").asText() + " state takes no Next or End");
    }
  }

  /** StartAt and every transition of the (sub-)machine lead to its states, and each state can be reached. */
  private static void checkTransitions(StateMachineDefinition definition, String where) {
    Set<String> reached = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(definition.startAt()));
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (!reached.add(name)) continue;
      for (String next : transitions(definition.state(name))) {
        if (definition.state(next) == null) {
          throw new DefinitionException(where + ", state '" + name + "': goes to '" + next + "', which is not a state"
              + " of this machine; the states are " + definition.states().keySet());
        }
        todo.push(next);
      }
    }
    List<String> unreachable = definition.states().keySet().stream().filter(s -> !reached.contains(s)).toList();
    if (!unreachable.isEmpty()) {
      throw new DefinitionException(where + ": state" + (unreachable.size() > 1 ? "s " : " ") + unreachable
          + " cannot be reached from StartAt '" + definition.startAt() + "'; remove them or go to them");
    }
  }

  private static List<String> transitions(State state) {
    List<String> out = new ArrayList<>();
    switch (state) {
      case State.Task t -> {
        if (t.next() != null) out.add(t.next());
        t.catches().forEach(c -> out.add(c.next()));
      }
      case State.Map m -> {
        if (m.next() != null) out.add(m.next());
        m.catches().forEach(c -> out.add(c.next()));
      }
      case State.Pass p -> {
        if (p.next() != null) out.add(p.next());
      }
      case State.Choice c -> {
        c.choices().forEach(b -> out.add(b.next()));
        if (c.defaultNext() != null) out.add(c.defaultNext());
      }
      case State.Succeed s -> { }
      case State.Fail f -> { }
    }
    return out;
  }

  private static PathField pathField(JsonNode node, String field, String where) {
    if (!node.has(field)) return PathField.WHOLE;
    if (node.get(field).isNull()) return PathField.NOTHING;
    return new PathField(path(node.get(field).asText(), where + "." + field));
  }

  private static PathField resultPath(JsonNode node, String field, String where) {
    PathField read = pathField(node, field, where);
    if (read.path() != null && !read.path().writable()) {
      throw new DefinitionException(where + "." + field + ": '" + read.path() + "' cannot be written to; a ResultPath"
          + " names fields from $ ($.a.b)");
    }
    return read;
  }

  private static JsonPath optionalPath(JsonNode node, String field, String where) {
    return node.has(field) ? path(node.get(field).asText(), where + "." + field) : null;
  }

  private static JsonPath path(String text, String where) {
    try {
      return JsonPath.parse(text);
    } catch (IllegalArgumentException e) {
      throw new DefinitionException(where + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) return null;
    if (!value.isTextual()) throw new DefinitionException(where + ": " + field + " must be a string, not " + value);
    return value.asText();
  }

  private static double number(JsonNode node, String field, double fallback, double min, double max, String where) {
    JsonNode value = node.get(field);
    if (value == null) return fallback;
    if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
      throw new DefinitionException(where + ": " + field + " must be a number from " + min + " to " + max + ", not "
          + value);
    }
    return value.asDouble();
  }

  private static String names(JsonNode states) {
    List<String> names = new ArrayList<>();
    states.fieldNames().forEachRemaining(names::add);
    return names.toString();
  }
}
