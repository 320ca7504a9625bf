package dev.lambdaloom.emulator.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Attribute values written in DynamoDB's JSON ({@code {"S":"x"}}, {@code {"N":"1"}}, binary as base64), the form a
 * stream record's Keys and images take in the event Lambda delivers.
 */
final class DynamoDbJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DynamoDbJson() {}

  static ObjectNode item(Map<String, AttributeValue> item) {
    ObjectNode node = NODES.objectNode();
    item.forEach((name, value) -> node.set(name, value(value)));
    return node;
  }

  /**
   * The item's key as one string with its attributes in name order, the same for every record of the item: what
   * orders its records.
   */
  static String canonicalKey(Map<String, AttributeValue> keys) {
    return Json.write(item(new TreeMap<>(keys)));
  }

  static ObjectNode value(AttributeValue value) {
    ObjectNode node = NODES.objectNode();
    switch (value.type()) {
      case S -> node.put("S", value.s());
      case N -> node.put("N", value.n());
      case B -> node.put("B", base64(value.b()));
      case BOOL -> node.put("BOOL", value.bool());
      case NUL -> node.put("NULL", true);
      case SS -> value.ss().forEach(node.putArray("SS")::add);
      case NS -> value.ns().forEach(node.putArray("NS")::add);
      case BS -> {
        ArrayNode array = node.putArray("BS");
        value.bs().forEach(b -> array.add(base64(b)));
      }
      case L -> {
        ArrayNode array = node.putArray("L");
        value.l().forEach(v -> array.add(value(v)));
      }
      case M -> node.set("M", item(value.m()));
      case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("an attribute value of a type this SDK does"
          + " not know: " + value);
    }
    return node;
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
  }
}
