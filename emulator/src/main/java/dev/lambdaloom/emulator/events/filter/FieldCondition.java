package dev.lambdaloom.emulator.events.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What one entry of a pattern object asks of the record object at the same level. */
sealed interface FieldCondition {

  /** @param node the record's object at this level, or null when the record has nothing here */
  boolean matches(JsonNode node);

  /**
   * The field of that object, or null when the field is absent. A field {@link FilterInput} marked unreadable (a
   * {@code MissingNode}: data that was not JSON) is returned as such, and no condition on it holds.
   */
  private static JsonNode field(JsonNode node, String name) {
    return node == null ? null : node.get(name);
  }

  /** {@code "field": [rule, ...]}: the value, or any element of it when it is an array, satisfies any rule. */
  record OnValue(String name, List<Rule> rules) implements FieldCondition {
    public OnValue {
      rules = List.copyOf(rules);
    }

    @Override
    public boolean matches(JsonNode node) {
      JsonNode value = field(node, name);
      if (value == null || (value.isArray() && value.isEmpty())) {
        return rules.stream().anyMatch(Rule::matchesAbsent);
      }
      return anyLeafMatches(value);
    }

    private boolean anyLeafMatches(JsonNode value) {
      if (value.isArray()) {
        for (JsonNode element : value) {
          if (anyLeafMatches(element)) {
            return true;
          }
        }
        return false;
      }
      // An object is not a value a rule can speak of (not even exists); an unreadable field matches nothing.
      if (value.isContainerNode() || value.isMissingNode()) {
        return false;
      }
      return rules.stream().anyMatch(rule -> rule.matches(value));
    }
  }

  /** {@code "field": {...}}: the field is an object the nested pattern matches, or an array holding one. */
  record OnObject(String name, ObjectPattern nested) implements FieldCondition {
    @Override
    public boolean matches(JsonNode node) {
      JsonNode value = field(node, name);
      if (value == null) {
        return nested.matches(null);
      }
      if (value.isObject()) {
        return nested.matches(value);
      }
      if (value.isArray()) {
        for (JsonNode element : value) {
          if (element.isObject() && nested.matches(element)) {
            return true;
          }
        }
      }
      // A string, number or unreadable field where the pattern expects an object: the formats differ, so Lambda
      // drops the record (an SQS body that is not JSON under a JSON body pattern, for one).
      return false;
    }
  }

  /** {@code "$or": [{...}, {...}]}: any of the alternatives matches the same object. */
  record AnyOf(List<ObjectPattern> alternatives) implements FieldCondition {
    public AnyOf {
      alternatives = List.copyOf(alternatives);
    }

    @Override
    public boolean matches(JsonNode node) {
      return alternatives.stream().anyMatch(alternative -> alternative.matches(node));
    }
  }
}
