package dev.lambdaloom.emulator.events.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns one FilterCriteria pattern (JSON text) into an {@link ObjectPattern}, refusing what Lambda would refuse at
 * CreateEventSourceMapping: text that is not JSON, a level that is not an object, a field that is neither a rule list
 * nor a nested object, an operator Lambda does not know or an operand of the wrong kind. One instance per pattern.
 */
final class PatternParser {
  private static final Set<String> OPERATORS = new TreeSet<>(List.of("prefix", "suffix", "equals-ignore-case",
      "anything-but", "numeric", "exists", "cidr", "wildcard"));
  private static final int SHOWN_PATTERN_CHARS = 200;

  private final String text;

  PatternParser(String text) {
    this.text = text;
  }

  ObjectPattern parse() {
    JsonNode root;
    try {
      root = FilterJson.PATTERN.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(prefix() + "is not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(prefix() + "must be a JSON object of fields, for example"
          + " {\"body\": {\"status\": [\"ok\"]}}");
    }
    return object(root, "");
  }

  private ObjectPattern object(JsonNode node, String path) {
    List<FieldCondition> conditions = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String name = field.getKey();
      String at = path.isEmpty() ? name : path + "." + name;
      JsonNode value = field.getValue();
      if (name.equals("$or")) {
        conditions.add(anyOf(value, at));
      } else if (value.isObject()) {
        conditions.add(new FieldCondition.OnObject(name, object(value, at)));
      } else if (value.isArray()) {
        conditions.add(new FieldCondition.OnValue(name, rules(value, at)));
      } else {
        throw fail(at, "must be an array of rules (for example [" + value + "]) or a nested object, not " + value);
      }
    }
    return new ObjectPattern(conditions);
  }

  private FieldCondition anyOf(JsonNode value, String at) {
    if (!value.isArray() || value.isEmpty()) {
      throw fail(at, "must be a non-empty array of patterns, each an object of fields");
    }
    List<ObjectPattern> alternatives = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode alternative = value.get(i);
      if (!alternative.isObject()) {
        throw fail(at + "[" + i + "]", "must be an object of fields, not " + alternative);
      }
      alternatives.add(object(alternative, at + "[" + i + "]"));
    }
    return new FieldCondition.AnyOf(alternatives);
  }

  private List<Rule> rules(JsonNode array, String at) {
    if (array.isEmpty()) {
      throw fail(at, "an empty rule list matches nothing; to match null write [null]");
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      rules.add(rule(array.get(i), at + "[" + i + "]"));
    }
    return rules;
  }

  private Rule rule(JsonNode element, String at) {
    return switch (element.getNodeType()) {
      case STRING, NUMBER, BOOLEAN, NULL -> new Rule.Equals(element);
      case OBJECT -> operator(element, at);
      case ARRAY, BINARY, MISSING, POJO -> throw fail(at, "a rule is a value or an {operator: operand} object,"
          + " not " + element);
    };
  }

  private Rule operator(JsonNode rule, String at) {
    if (rule.size() != 1) {
      throw fail(at, "a rule object has exactly one operator, not " + rule);
    }
    Map.Entry<String, JsonNode> only = rule.properties().iterator().next();
    String name = only.getKey();
    JsonNode operand = only.getValue();
    String where = at + "." + name;
    return switch (name) {
      case "prefix" -> caseAware(operand, where, Rule.Prefix::new);
      case "suffix" -> caseAware(operand, where, Rule.Suffix::new);
      case "equals-ignore-case" -> new Rule.EqualsIgnoreCase(string(operand, where));
      case "exists" -> {
        if (!operand.isBoolean()) {
          throw fail(where, "takes true or false, not " + operand);
        }
        yield new Rule.Exists(operand.booleanValue());
      }
      case "numeric" -> numeric(operand, where);
      case "anything-but" -> anythingBut(operand, where);
      case "cidr" -> {
        String block = string(operand, where);
        yield checked(where, () -> CidrRule.of(block));
      }
      case "wildcard" -> {
        String wildcard = string(operand, where);
        yield checked(where, () -> WildcardRule.of(wildcard));
      }
      default -> throw fail(at, "unsupported operator \"" + name + "\" (Lambda's filter rules take " + OPERATORS
          + ", exact values and $or)");
    };
  }

  /** prefix and suffix take a string, or {"equals-ignore-case": string} to compare without case. */
  private Rule caseAware(JsonNode operand, String where, CaseAwareRule make) {
    if (operand.isObject() && operand.size() == 1 && operand.has("equals-ignore-case")) {
      return make.of(string(operand.get("equals-ignore-case"), where + ".equals-ignore-case"), true);
    }
    return make.of(string(operand, where), false);
  }

  @FunctionalInterface
  private interface CaseAwareRule {
    Rule of(String text, boolean ignoreCase);
  }

  private Rule numeric(JsonNode operand, String where) {
    if (!operand.isArray() || (operand.size() != 2 && operand.size() != 4)) {
      throw fail(where, "takes one or two comparisons such as [\">\", 0, \"<=\", 5], not " + operand);
    }
    List<Rule.Comparison> comparisons = new ArrayList<>();
    for (int i = 0; i < operand.size(); i += 2) {
      JsonNode symbol = operand.get(i);
      JsonNode bound = operand.get(i + 1);
      Rule.Operator operator = null;
      for (Rule.Operator candidate : Rule.Operator.values()) {
        if (symbol.isTextual() && candidate.symbol.equals(symbol.textValue())) {
          operator = candidate;
        }
      }
      if (operator == null) {
        throw fail(where + "[" + i + "]", symbol + " is not a comparison (=, <, <=, >, >=)");
      }
      if (!bound.isNumber()) {
        throw fail(where + "[" + (i + 1) + "]", "compares with a number, not " + bound);
      }
      comparisons.add(new Rule.Comparison(operator, bound.decimalValue()));
    }
    return new Rule.Numeric(comparisons);
  }

  private Rule anythingBut(JsonNode operand, String where) {
    if (operand.isObject()) {
      if (operand.size() != 1) {
        throw fail(where, "takes one operator (prefix, suffix, equals-ignore-case or wildcard), not " + operand);
      }
      Map.Entry<String, JsonNode> only = operand.properties().iterator().next();
      String inner = where + "." + only.getKey();
      Function<String, Rule> make = switch (only.getKey()) {
        case "prefix" -> text -> new Rule.Prefix(text, false);
        case "suffix" -> text -> new Rule.Suffix(text, false);
        case "equals-ignore-case" -> Rule.EqualsIgnoreCase::new;
        case "wildcard" -> text -> checked(inner, () -> WildcardRule.of(text));
        default -> throw fail(where, "unsupported operator \"" + only.getKey() + "\" inside anything-but (it takes"
            + " values, prefix, suffix, equals-ignore-case or wildcard)");
      };
      List<Rule> excluded = new ArrayList<>();
      for (JsonNode value : listOf(only.getValue())) {
        excluded.add(make.apply(string(value, inner)));
      }
      return new Rule.AnythingBut(excluded, true);
    }
    List<Rule> excluded = new ArrayList<>();
    for (JsonNode value : listOf(operand)) {
      if (!value.isTextual() && !value.isNumber()) {
        throw fail(where, "takes strings or numbers (or one of them), not " + value);
      }
      excluded.add(new Rule.Equals(value));
    }
    if (excluded.isEmpty()) {
      throw fail(where, "needs at least one value to exclude");
    }
    return new Rule.AnythingBut(excluded, false);
  }

  private static List<JsonNode> listOf(JsonNode operand) {
    List<JsonNode> values = new ArrayList<>();
    if (operand.isArray()) {
      operand.forEach(values::add);
    } else {
      values.add(operand);
    }
    return values;
  }

  private String string(JsonNode operand, String where) {
    if (!operand.isTextual()) {
      throw fail(where, "takes a string, not " + operand);
    }
    return operand.textValue();
  }

  /** Runs a rule's own parsing, adding the pattern and the path to what it says is wrong. */
  private Rule checked(String where, Supplier<Rule> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(prefix() + where + ": " + e.getMessage(), e);
    }
  }

  private IllegalArgumentException fail(String at, String problem) {
    return new IllegalArgumentException(prefix() + at + ": " + problem);
  }

  private String prefix() {
    String shown = text.length() <= SHOWN_PATTERN_CHARS ? text : text.substring(0, SHOWN_PATTERN_CHARS) + "...";
    return "filter pattern " + shown + ": ";
  }
}
