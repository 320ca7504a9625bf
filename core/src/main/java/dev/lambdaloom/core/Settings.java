package dev.lambdaloom.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A function's settings, each read from its event if there, else from its environment, else a default; parsed
 * strictly, so that a value that could mean two things is an error, never a guess. {@code "1"}, {@code "yes"} or
 * {@code "TRUE "} is not a boolean: a flag such as {@code dryRun} that silently read them as {@code false} would
 * delete what the caller meant to keep. Immutable; safe to share.
 *
 * <p>Accepted forms: a flag is the JSON boolean or the exact text {@code true} / {@code false}; a whole number is a
 * JSON integer or decimal digits with an optional leading {@code -} (no spaces, signs, exponents or fractions); a
 * number may also have a fraction; a choice is one of its labels, exactly. A JSON {@code null} in the event and an
 * empty environment variable count as not set. Every refusal is an {@link InvalidSettingException} that names the
 * setting, where it came from, the value and what is accepted.
 */
public final class Settings {
  private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,18}");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,18}(\\.[0-9]{1,18})?");

  private final Map<String, ?> event;
  private final Map<String, String> environment;

  private Settings(Map<String, ?> event, Map<String, String> environment) {
    this.event = event;
    this.environment = environment;
  }

  /** @param event the invocation's event as a map (null: none); @param environment usually {@code System.getenv()} */
  public static Settings of(Map<String, ?> event, Map<String, String> environment) {
    return new Settings(event == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(event)),
        Map.copyOf(Objects.requireNonNull(environment, "environment")));
  }

  /** Text as given (not trimmed); {@code fallback} when not set. Non-text event values are refused. */
  public String text(String key, String variable, String fallback) {
    Raw raw = raw(key, variable);
    if (raw == null) return fallback;
    if (raw.value() instanceof String s) return s;
    throw raw.invalid("must be text");
  }

  /** {@code true} or {@code false}, nothing else. */
  public boolean flag(String key, String variable, boolean fallback) {
    Raw raw = raw(key, variable);
    if (raw == null) return fallback;
    return switch (raw.value()) {
      case Boolean b -> b;
      case String s when s.equals("true") -> true;
      case String s when s.equals("false") -> false;
      default -> throw raw.invalid("must be true or false");
    };
  }

  /** A whole number in {@code [min, max]}. */
  public long wholeNumber(String key, String variable, long fallback, long min, long max) {
    Raw raw = raw(key, variable);
    if (raw == null) return fallback;
    String expected = "must be a whole number from " + min + " to " + max;
    long value = switch (raw.value()) {
      case Integer i -> i;
      case Long l -> l;
      case Short s -> s;
      case BigInteger b when b.bitLength() < 64 -> b.longValue();
      case String s when WHOLE.matcher(s).matches() -> Long.parseLong(s);
      default -> throw raw.invalid(expected);
    };
    if (value < min || value > max) throw raw.invalid(expected);
    return value;
  }

  /** {@link #wholeNumber} for settings that fit an int. */
  public int wholeNumber(String key, String variable, int fallback, int min, int max) {
    return Math.toIntExact(wholeNumber(key, variable, (long) fallback, (long) min, (long) max));
  }

  /** A finite number, with or without a fraction, in {@code [min, max]}. */
  public double number(String key, String variable, double fallback, double min, double max) {
    Raw raw = raw(key, variable);
    if (raw == null) return fallback;
    String expected = "must be a number from " + min + " to " + max;
    double value = switch (raw.value()) {
      case Integer i -> i;
      case Long l -> l;
      case Double d -> d;
      case Float f -> f;
      case BigDecimal b -> b.doubleValue();
      case BigInteger b -> b.doubleValue();
      case String s when DECIMAL.matcher(s).matches() -> Double.parseDouble(s);
      default -> throw raw.invalid(expected);
    };
    if (!Double.isFinite(value) || value < min || value > max) throw raw.invalid(expected);
    return value;
  }

  /** One of {@code type}'s constants, named by {@code label} exactly. */
  public <E extends Enum<E>> E choice(String key, String variable, E fallback, Class<E> type, Function<E, String> label) {
    Raw raw = raw(key, variable);
    if (raw == null) return fallback;
    for (E constant : type.getEnumConstants()) {
      if (label.apply(constant).equals(raw.value())) return constant;
    }
    throw raw.invalid("must be one of " + Arrays.stream(type.getEnumConstants()).map(label)
        .collect(Collectors.joining(", ")));
  }

  /** A set value and where it came from; null when neither the event nor the environment sets it. */
  private Raw raw(String key, String variable) {
    if (key != null) {
      Object value = event.get(key);
      if (value != null) return new Raw(key, "the event", value);
    }
    if (variable != null) {
      String value = environment.get(variable);
      if (value != null && !value.isEmpty()) return new Raw(variable, "the environment", value);
    }
    return null;
  }

  private record Raw(String name, String origin, Object value) {
    InvalidSettingException invalid(String expected) {
      String shown = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
      return new InvalidSettingException(name, name + " (from " + origin + ") " + expected + ", not " + shown);
    }
  }
}
