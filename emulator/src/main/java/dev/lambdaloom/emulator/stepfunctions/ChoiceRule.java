package dev.lambdaloom.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** One rule of a Choice state: a comparison on a variable, or And / Or / Not of rules. */
sealed interface ChoiceRule {
  record And(List<ChoiceRule> rules) implements ChoiceRule {
    public And {
      rules = List.copyOf(rules);
    }
  }

  record Or(List<ChoiceRule> rules) implements ChoiceRule {
    public Or {
      rules = List.copyOf(rules);
    }
  }

  record Not(ChoiceRule rule) implements ChoiceRule {}

  /**
   * @param literal the operand as written, or null for a Path form
   * @param operandPath the operand's path for a Path form, else null
   */
  record Comparison(JsonPath variable, ChoiceOperator operator, JsonNode literal, JsonPath operandPath)
      implements ChoiceRule {}

  default boolean test(JsonNode input, JsonNode context) throws StateFailure {
    return switch (this) {
      case And and -> {
        for (ChoiceRule rule : and.rules()) {
          if (!rule.test(input, context)) yield false;
        }
        yield true;
      }
      case Or or -> {
        for (ChoiceRule rule : or.rules()) {
          if (rule.test(input, context)) yield true;
        }
        yield false;
      }
      case Not not -> !not.rule().test(input, context);
      case Comparison c -> compare(c, input, context);
    };
  }

  private static boolean compare(Comparison c, JsonNode input, JsonNode context) throws StateFailure {
    Optional<JsonNode> found = c.variable().read(input, context);
    if (c.operator() == ChoiceOperator.IS_PRESENT) {
      return found.isPresent() == c.literal().asBoolean();
    }
    JsonNode value = found.orElseThrow(() -> StateFailure.runtime("Invalid path '" + c.variable()
        + "': the choice state's Variable was not found in the input " + JsonPath.abbreviated(input)));
    JsonNode operand = c.operandPath() == null ? c.literal() : c.operandPath().require(input, context, "choice operand");
    return switch (c.operator().kind()) {
      case TYPE_TEST -> typeTest(c.operator(), value) == operand.asBoolean();
      case STRING -> value.isTextual() && operand.isTextual() && stringTest(c.operator(), value.asText(), operand.asText());
      case NUMERIC -> value.isNumber() && operand.isNumber()
          && order(c.operator(), value.decimalValue().compareTo(operand.decimalValue()));
      case BOOLEAN -> value.isBoolean() && operand.isBoolean() && value.asBoolean() == operand.asBoolean();
      case TIMESTAMP -> {
        Optional<OffsetDateTime> left = timestamp(value);
        Optional<OffsetDateTime> right = timestamp(operand);
        yield left.isPresent() && right.isPresent() && order(c.operator(), left.get().compareTo(right.get()));
      }
    };
  }

  private static boolean typeTest(ChoiceOperator operator, JsonNode value) {
    return switch (operator) {
      case IS_NULL -> value.isNull();
      case IS_STRING -> value.isTextual();
      case IS_NUMERIC -> value.isNumber();
      case IS_BOOLEAN -> value.isBoolean();
      case IS_TIMESTAMP -> timestamp(value).isPresent();
      default -> throw new IllegalStateException("not a type test: " + operator);
    };
  }

  private static boolean stringTest(ChoiceOperator operator, String value, String operand) {
    if (operator == ChoiceOperator.STRING_MATCHES) {
      return wildcard(operand).matcher(value).matches();
    }
    return order(operator, value.compareTo(operand));
  }

  /** Equals, LessThan, GreaterThan, LessThanEquals, GreaterThanEquals on a comparison's sign. */
  private static boolean order(ChoiceOperator operator, int sign) {
    String label = operator.label();
    if (label.endsWith("GreaterThanEquals")) return sign >= 0;
    if (label.endsWith("LessThanEquals")) return sign <= 0;
    if (label.endsWith("GreaterThan")) return sign > 0;
    if (label.endsWith("LessThan")) return sign < 0;
    return sign == 0;
  }

  /** StringMatches: {@code *} matches any run of characters, {@code \*} a star, {@code \\} a backslash. */
  private static Pattern wildcard(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char ch = pattern.charAt(i);
      if (ch == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (ch == '*') {
        regex.append(".*");
      } else {
        regex.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static Optional<OffsetDateTime> timestamp(JsonNode node) {
    if (!node.isTextual()) return Optional.empty();
    try {
      return Optional.of(OffsetDateTime.parse(node.asText()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
