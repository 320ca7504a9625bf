package dev.lambdaloom.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSONPath subset the States Language's paths use here: {@code $} (the input), {@code $$} (the context object),
 * then fields ({@code .a}, {@code ['a b']}) and array indexes ({@code [0]}). Read once, when the definition loads, so a
 * path that cannot be read is a load error, not a failure halfway through an execution.
 *
 * @param context whether the path starts at the context object ({@code $$})
 * @param steps field names (String) and indexes (Integer), in order
 */
record JsonPath(String text, boolean context, List<Object> steps) {
  JsonPath {
    steps = List.copyOf(steps);
  }

  /** @throws IllegalArgumentException saying what is wrong with {@code text} */
  static JsonPath parse(String text) {
    if (text == null || !text.startsWith("$")) {
      throw new IllegalArgumentException("'" + text + "' is not a path: paths start with $ (the input) or $$ (the"
          + " context object)");
    }
    boolean context = text.startsWith("$$");
    int at = context ? 2 : 1;
    List<Object> steps = new ArrayList<>();
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '.') {
        int end = at + 1;
        while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
          end++;
        }
        if (end == at + 1) throw unreadable(text, "an empty field name");
        steps.add(text.substring(at + 1, end));
        at = end;
      } else if (c == '[') {
        int close = text.indexOf(']', at);
        if (close < 0) throw unreadable(text, "a [ without ]");
        String inside = text.substring(at + 1, close).trim();
        if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
            || inside.startsWith("\"") && inside.endsWith("\""))) {
          steps.add(inside.substring(1, inside.length() - 1));
        } else if (inside.matches("[0-9]{1,9}")) {
          steps.add(Integer.parseInt(inside));
        } else {
          throw unreadable(text, "[" + inside + "] (only indexes like [0] and names like ['a'] are read here; no"
              + " wildcards, slices or filters)");
        }
        at = close + 1;
      } else {
        throw unreadable(text, "'" + c + "' where . or [ belongs");
      }
    }
    return new JsonPath(text, context, steps);
  }

  private static IllegalArgumentException unreadable(String text, String problem) {
    return new IllegalArgumentException("cannot read the path '" + text + "': " + problem);
  }

  /** The node this path selects, or empty when some step is missing. */
  Optional<JsonNode> read(JsonNode input, JsonNode contextObject) {
    JsonNode node = context ? contextObject : input;
    for (Object step : steps) {
      if (node == null) return Optional.empty();
      node = step instanceof Integer index ? (node.isArray() ? node.get(index) : null) : (node.isObject()
          ? node.get((String) step) : null);
    }
    return Optional.ofNullable(node);
  }

  /** The node this path selects; a missing one fails the state with States.Runtime, naming the path. */
  JsonNode require(JsonNode input, JsonNode contextObject, String role) throws StateFailure {
    Optional<JsonNode> found = read(input, contextObject);
    if (found.isEmpty()) {
      throw StateFailure.runtime("The " + role + " '" + text + "' could not be found in the " + (context
          ? "context object" : "input") + " " + abbreviated(context ? contextObject : input));
    }
    return found.get();
  }

  /** Whether the path can be written to: fields only, from the input ($.a.b), as ResultPath requires. */
  boolean writable() {
    return !context && steps.stream().allMatch(String.class::isInstance);
  }

  /**
   * A copy of {@code root} with {@code value} placed at this path, objects created on the way; fails with
   * States.ResultPathMatchFailure when the way goes through something that is not an object.
   */
  JsonNode write(JsonNode root, JsonNode value) throws StateFailure {
    if (steps.isEmpty()) {
      return value;
    }
    JsonNode copy = root == null || root.isNull() ? JsonNodeFactory.instance.objectNode() : root.deepCopy();
    if (!copy.isObject()) {
      throw new StateFailure(ErrorNames.RESULT_PATH_MATCH_FAILURE, "Unable to apply ResultPath '" + text
          + "' to input " + abbreviated(root) + ": it is not an object");
    }
    ObjectNode node = (ObjectNode) copy;
    for (int i = 0; i < steps.size() - 1; i++) {
      String field = (String) steps.get(i);
      JsonNode next = node.get(field);
      if (next == null || next.isNull()) {
        node = node.putObject(field);
      } else if (next instanceof ObjectNode object) {
        node = object;
      } else {
        throw new StateFailure(ErrorNames.RESULT_PATH_MATCH_FAILURE, "Unable to apply ResultPath '" + text
            + "': '" + field + "' is " + next.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not an object");
      }
    }
    node.set((String) steps.getLast(), value);
    return copy;
  }

  static String abbreviated(JsonNode node) {
    String text = String.valueOf(node);
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  @Override
  public String toString() {
    return text;
  }
}
