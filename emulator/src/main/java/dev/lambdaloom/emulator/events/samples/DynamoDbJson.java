package dev.lambdaloom.emulator.events.samples;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Items in DynamoDB's JSON ({@code {"pk":{"S":"w-1"},"n":{"N":"3"}}}) as a stream record carries them: checked
 * value by value, so that a sample never holds what DynamoDB would refuse, and measured as DynamoDB measures items.
 */
final class DynamoDbJson {
  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Set<String> TYPES = Set.of("S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL");
  private static final Set<String> KEY_TYPES = Set.of("S", "N", "B");

  private DynamoDbJson() {}

  /** An item, or {@code what} and the reason it is not one. */
  static ObjectNode item(String what, String json) {
    JsonNode root;
    try {
      root = STRICT.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidSampleException(what + " is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidSampleException(what + " must be a JSON object of attributes in DynamoDB JSON, such as "
          + "{\"pk\":{\"S\":\"w-1\"}}, found " + json);
    }
    for (Map.Entry<String, JsonNode> attribute : root.properties()) {
      value(what, attribute.getKey(), attribute.getValue());
    }
    return (ObjectNode) root;
  }

  /** A primary key: one or two attributes (partition key, sort key), each a string, number or binary. */
  static ObjectNode key(String what, String json) {
    ObjectNode key = item(what, json);
    if (key.isEmpty() || key.size() > 2) {
      throw new InvalidSampleException(what + " must have one attribute (partition key) or two (and sort key), found "
          + key.size());
    }
    for (Map.Entry<String, JsonNode> attribute : key.properties()) {
      String type = attribute.getValue().fieldNames().next();
      if (!KEY_TYPES.contains(type)) {
        throw new InvalidSampleException(what + ": key attribute \"" + attribute.getKey()
            + "\" must be of type S, N or B, found " + type);
      }
    }
    return key;
  }

  /** Checks the value at {@code path} ({@code pk}, {@code m.inner}, {@code jobs[0]}) of the attributes {@code what}. */
  private static void value(String what, String path, JsonNode value) {
    String where = what + ": attribute \"" + path + "\"";
    if (!value.isObject() || value.size() != 1 || !TYPES.contains(value.fieldNames().next())) {
      throw new InvalidSampleException(where + " must be an object with one type of " + TYPES.stream().sorted().toList()
          + " (a string is {\"S\":\"text\"}, a number {\"N\":\"42\"}), found " + value);
    }
    String type = value.fieldNames().next();
    JsonNode content = value.get(type);
    String at = where + " (" + type + ")";
    switch (type) {
      case "S" -> text(at, content);
      case "N" -> number(at, content);
      case "B" -> binary(at, content);
      case "SS", "NS", "BS" -> set(at, type, content);
      case "M" -> {
        if (!content.isObject()) {
          throw new InvalidSampleException(at + " must be an object of attributes, found " + content);
        }
        content.properties().forEach(e -> value(what, path + "." + e.getKey(), e.getValue()));
      }
      case "L" -> {
        if (!content.isArray()) {
          throw new InvalidSampleException(at + " must be an array of values, found " + content);
        }
        for (int i = 0; i < content.size(); i++) {
          value(what, path + "[" + i + "]", content.get(i));
        }
      }
      case "NULL" -> {
        if (!content.isBoolean() || !content.booleanValue()) {
          throw new InvalidSampleException(at + " must be true, found " + content);
        }
      }
      case "BOOL" -> {
        if (!content.isBoolean()) {
          throw new InvalidSampleException(at + " must be true or false, found " + content);
        }
      }
      default -> throw new IllegalStateException("a type in TYPES without a check: " + type);
    }
  }

  private static void text(String at, JsonNode content) {
    if (!content.isTextual()) {
      throw new InvalidSampleException(at + " must be a JSON string, found " + content);
    }
  }

  private static void number(String at, JsonNode content) {
    if (!content.isTextual()) {
      throw new InvalidSampleException(at + " must be a number written as a JSON string, such as \"42\", found "
          + content);
    }
    try {
      BigDecimal number = new BigDecimal(content.textValue());
      if (number.stripTrailingZeros().precision() > 38) {
        throw new InvalidSampleException(at + " has more than 38 significant digits: " + content.textValue());
      }
    } catch (NumberFormatException e) {
      throw new InvalidSampleException(at + " is not a number: " + content, e);
    }
  }

  private static void binary(String at, JsonNode content) {
    text(at, content);
    try {
      Base64.getDecoder().decode(content.textValue());
    } catch (IllegalArgumentException e) {
      throw new InvalidSampleException(at + " must be base64: " + e.getMessage(), e);
    }
  }

  private static void set(String at, String type, JsonNode content) {
    if (!content.isArray() || content.isEmpty()) {
      throw new InvalidSampleException(at + " must be a non-empty array, found " + content);
    }
    Set<String> seen = new HashSet<>();
    for (JsonNode element : content) {
      switch (type) {
        case "SS" -> text(at, element);
        case "NS" -> number(at, element);
        default -> binary(at, element);
      }
      if (!seen.add(element.textValue())) {
        throw new InvalidSampleException(at + " holds " + element + " twice; a set cannot");
      }
    }
  }

  /**
   * The size DynamoDB counts for these attributes: each name's UTF-8 bytes plus its value's (strings their UTF-8
   * bytes, binaries their bytes, numbers one byte per two significant digits and one more, booleans and nulls one,
   * lists and maps three plus one per element plus their elements). A stream record's SizeBytes is this sum over
   * its keys and images.
   */
  static long size(ObjectNode attributes) {
    long size = 0;
    for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
      size += attribute.getKey().getBytes(StandardCharsets.UTF_8).length + valueSize(attribute.getValue());
    }
    return size;
  }

  private static long valueSize(JsonNode value) {
    String type = value.fieldNames().next();
    JsonNode content = value.get(type);
    return switch (type) {
      case "S" -> utf8(content.textValue());
      case "N" -> numberSize(content.textValue());
      case "B" -> Base64.getDecoder().decode(content.textValue()).length;
      case "SS" -> sum(content, e -> utf8(e.textValue()));
      case "NS" -> sum(content, e -> numberSize(e.textValue()));
      case "BS" -> sum(content, e -> Base64.getDecoder().decode(e.textValue()).length);
      case "M" -> 3 + content.size() + size((ObjectNode) content);
      case "L" -> 3 + content.size() + sum(content, DynamoDbJson::valueSize);
      default -> 1; // NULL, BOOL
    };
  }

  private static long sum(JsonNode elements, java.util.function.ToLongFunction<JsonNode> size) {
    long total = 0;
    for (JsonNode element : elements) {
      total += size.applyAsLong(element);
    }
    return total;
  }

  private static long utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static long numberSize(String number) {
    BigDecimal value = new BigDecimal(number).stripTrailingZeros();
    int significant = value.signum() == 0 ? 1 : value.precision();
    return (significant + 1) / 2 + 1;
  }
}
