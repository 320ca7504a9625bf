package dev.lambdaloom.emulator.stepfunctions;

import java.util.Arrays;
import java.util.Optional;

/** The comparison operators of a Choice rule; each also has a {@code ...Path} form, its operand read from the input. */
enum ChoiceOperator {
  STRING_EQUALS("StringEquals", Kind.STRING),
  STRING_LESS_THAN("StringLessThan", Kind.STRING),
  STRING_GREATER_THAN("StringGreaterThan", Kind.STRING),
  STRING_LESS_THAN_EQUALS("StringLessThanEquals", Kind.STRING),
  STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", Kind.STRING),
  STRING_MATCHES("StringMatches", Kind.STRING),
  NUMERIC_EQUALS("NumericEquals", Kind.NUMERIC),
  NUMERIC_LESS_THAN("NumericLessThan", Kind.NUMERIC),
  NUMERIC_GREATER_THAN("NumericGreaterThan", Kind.NUMERIC),
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Kind.NUMERIC),
  NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Kind.NUMERIC),
  BOOLEAN_EQUALS("BooleanEquals", Kind.BOOLEAN),
  TIMESTAMP_EQUALS("TimestampEquals", Kind.TIMESTAMP),
  TIMESTAMP_LESS_THAN("TimestampLessThan", Kind.TIMESTAMP),
  TIMESTAMP_GREATER_THAN("TimestampGreaterThan", Kind.TIMESTAMP),
  TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", Kind.TIMESTAMP),
  TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", Kind.TIMESTAMP),
  IS_NULL("IsNull", Kind.TYPE_TEST),
  IS_PRESENT("IsPresent", Kind.TYPE_TEST),
  IS_STRING("IsString", Kind.TYPE_TEST),
  IS_NUMERIC("IsNumeric", Kind.TYPE_TEST),
  IS_BOOLEAN("IsBoolean", Kind.TYPE_TEST),
  IS_TIMESTAMP("IsTimestamp", Kind.TYPE_TEST);

  enum Kind { STRING, NUMERIC, BOOLEAN, TIMESTAMP, TYPE_TEST }

  private final String label;
  private final Kind kind;

  ChoiceOperator(String label, Kind kind) {
    this.label = label;
    this.kind = kind;
  }

  String label() {
    return label;
  }

  Kind kind() {
    return kind;
  }

  /** Type tests take a boolean literal only; every other operator has a Path form. */
  boolean hasPathForm() {
    return kind != Kind.TYPE_TEST && this != STRING_MATCHES;
  }

  static Optional<ChoiceOperator> byLabel(String label) {
    return Arrays.stream(values()).filter(o -> o.label.equals(label)).findFirst();
  }
}
