package dev.lambdaloom.emulator.events.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One rule of a field's rule list. A rule is asked about one leaf value of the record (a string, number, boolean or
 * null: arrays are opened by the caller, objects are never leaves), or about a field the record does not have.
 */
sealed interface Rule permits Rule.Equals, Rule.EqualsIgnoreCase, Rule.Prefix, Rule.Suffix, Rule.AnythingBut,
    Rule.Numeric, Rule.Exists, CidrRule, WildcardRule {

  boolean matches(JsonNode leaf);

  /** Only {@code {"exists": false}} matches a field the record lacks. */
  default boolean matchesAbsent() {
    return false;
  }

  /** An exact value: strings by character, numbers by numeric value (100 = 100.0), booleans, null. */
  record Equals(JsonNode expected) implements Rule {
    public Equals {
      Objects.requireNonNull(expected, "expected");
    }

    @Override
    public boolean matches(JsonNode leaf) {
      return switch (expected.getNodeType()) {
        case STRING -> leaf.isTextual() && leaf.textValue().equals(expected.textValue());
        case NUMBER -> leaf.isNumber() && leaf.decimalValue().compareTo(expected.decimalValue()) == 0;
        case BOOLEAN -> leaf.isBoolean() && leaf.booleanValue() == expected.booleanValue();
        case NULL -> leaf.isNull();
        case ARRAY, OBJECT, BINARY, MISSING, POJO -> false;
      };
    }
  }

  record EqualsIgnoreCase(String expected) implements Rule {
    @Override
    public boolean matches(JsonNode leaf) {
      return leaf.isTextual() && leaf.textValue().equalsIgnoreCase(expected);
    }
  }

  record Prefix(String prefix, boolean ignoreCase) implements Rule {
    @Override
    public boolean matches(JsonNode leaf) {
      return leaf.isTextual() && leaf.textValue().regionMatches(ignoreCase, 0, prefix, 0, prefix.length());
    }
  }

  record Suffix(String suffix, boolean ignoreCase) implements Rule {
    @Override
    public boolean matches(JsonNode leaf) {
      if (!leaf.isTextual()) {
        return false;
      }
      String text = leaf.textValue();
      return text.length() >= suffix.length()
          && text.regionMatches(ignoreCase, text.length() - suffix.length(), suffix, 0, suffix.length());
    }
  }

  /**
   * Any present value none of the excluded rules matches. The prefix, suffix, equals-ignore-case and wildcard forms
   * speak of strings, so they pass strings only; the list form passes every other value (numbers, booleans, null).
   */
  record AnythingBut(List<Rule> excluded, boolean stringsOnly) implements Rule {
    public AnythingBut {
      excluded = List.copyOf(excluded);
    }

    @Override
    public boolean matches(JsonNode leaf) {
      if (stringsOnly && !leaf.isTextual()) {
        return false;
      }
      return excluded.stream().noneMatch(rule -> rule.matches(leaf));
    }
  }

  /** One or two comparisons, all of which a number must satisfy ({@code [">", 0, "<=", 5]}). */
  record Numeric(List<Comparison> comparisons) implements Rule {
    public Numeric {
      comparisons = List.copyOf(comparisons);
    }

    @Override
    public boolean matches(JsonNode leaf) {
      if (!leaf.isNumber()) {
        return false;
      }
      BigDecimal value = leaf.decimalValue();
      return comparisons.stream().allMatch(c -> c.holdsFor(value));
    }
  }

  record Comparison(Operator operator, BigDecimal bound) {
    boolean holdsFor(BigDecimal value) {
      int sign = value.compareTo(bound);
      return switch (operator) {
        case EQUAL -> sign == 0;
        case LESS -> sign < 0;
        case LESS_OR_EQUAL -> sign <= 0;
        case GREATER -> sign > 0;
        case GREATER_OR_EQUAL -> sign >= 0;
      };
    }
  }

  enum Operator {
    EQUAL("="), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

    final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }
  }

  /** {@code exists: true} matches every present value, null included; {@code false} only an absent field. */
  record Exists(boolean present) implements Rule {
    @Override
    public boolean matches(JsonNode leaf) {
      return present;
    }

    @Override
    public boolean matchesAbsent() {
      return !present;
    }
  }
}
