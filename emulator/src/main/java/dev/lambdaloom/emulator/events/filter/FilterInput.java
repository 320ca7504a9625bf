package dev.lambdaloom.emulator.events.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdaloom.emulator.events.SourceKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The object a source's record is matched as, which is not always the record the function receives: Lambda reads the
 * payload (Kinesis {@code data}, SQS {@code body}) as JSON before filtering. The given record is never changed.
 *
 * <p>A payload Lambda cannot read as JSON where it needs JSON (Kinesis data) is set to a {@link MissingNode}: no rule
 * on it or below it matches, not even {@code exists: false}, because Lambda drops a record whose data is not JSON
 * when a pattern filters on data; patterns on the other fields still apply.
 */
public final class FilterInput {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private FilterInput() {}

  /** The shape Lambda matches for a record of the given source. */
  public static JsonNode of(SourceKind kind, JsonNode record) {
    return switch (kind) {
      case DYNAMODB -> forDynamoDb(record);
      case KINESIS -> forKinesis(record);
      case SQS -> forSqs(record);
      case SNS -> forSns(record);
    };
  }

  /**
   * A Kinesis record is matched as its {@code kinesis} object ({@code partitionKey}, {@code sequenceNumber},
   * {@code data}...), as in AWS's examples ({@code {"data": {"order": {"type": ["buy"]}}}}), with {@code data}
   * base64-decoded and parsed when it is JSON, else unreadable. Given the inner object itself, it is used as is.
   */
  public static JsonNode forKinesis(JsonNode record) {
    JsonNode inner = record.get("kinesis") instanceof ObjectNode kinesis ? kinesis : record;
    if (!(inner instanceof ObjectNode object) || !object.has("data")) {
      return inner;
    }
    ObjectNode copy = object.deepCopy();
    copy.set("data", decodedJson(object.get("data")).orElse(MissingNode.getInstance()));
    return copy;
  }

  /**
   * An SQS record is matched whole, with {@code body} parsed when it holds a JSON object or array; any other body
   * stays the string it is, which rule lists such as {@code {"body": ["ok"]}} or {@code [{"prefix": "ok"}]} match,
   * and which a nested body pattern never matches (Lambda drops the message when the two formats differ). A JSON
   * scalar body ({@code 42}, {@code true}) stays a string: it is what senders of plain text send too.
   */
  public static JsonNode forSqs(JsonNode record) {
    if (!(record instanceof ObjectNode object) || !(object.get("body") instanceof JsonNode body) || !body.isTextual()) {
      return record;
    }
    Optional<JsonNode> parsed = json(body.textValue()).filter(JsonNode::isContainerNode);
    if (parsed.isEmpty()) {
      return record;
    }
    ObjectNode copy = object.deepCopy();
    copy.set("body", parsed.get());
    return copy;
  }

  /**
   * A DynamoDB Streams record is matched as it is delivered: {@code eventName}, {@code dynamodb.Keys},
   * {@code dynamodb.NewImage} and {@code OldImage} in DynamoDB JSON ({@code {"status": {"S": "done"}}}), and so on.
   */
  public static JsonNode forDynamoDb(JsonNode record) {
    return record;
  }

  /**
   * An SNS subscription's FilterPolicy (scope MessageAttributes) names attributes directly, with their values rather
   * than SNS's {@code {"Type": ..., "Value": ...}}: a String stays a string, a Number becomes a number, a String.Array
   * becomes its array. Binary attributes are not filterable in SNS and are left out. Given the Lambda record
   * ({@code {"Sns": {"MessageAttributes": ...}}}) or its {@code Sns} object.
   */
  public static JsonNode forSns(JsonNode record) {
    JsonNode sns = record.has("Sns") ? record.get("Sns") : record;
    ObjectNode attributes = NODES.objectNode();
    JsonNode given = sns.get("MessageAttributes");
    if (given == null || !given.isObject()) {
      return attributes;
    }
    for (Map.Entry<String, JsonNode> attribute : given.properties()) {
      String type = attribute.getValue().path("Type").asText();
      String value = attribute.getValue().path("Value").asText();
      switch (type) {
        case "String" -> attributes.put(attribute.getKey(), value);
        case "Number" -> attributes.set(attribute.getKey(), number(value));
        case "String.Array" -> attributes.set(attribute.getKey(),
            json(value).filter(JsonNode::isArray).orElse(NODES.textNode(value)));
        default -> {
          // Binary and unknown types: SNS does not filter on them.
        }
      }
    }
    return attributes;
  }

  private static JsonNode number(String value) {
    try {
      return NODES.numberNode(new BigDecimal(value.strip()));
    } catch (NumberFormatException notANumber) {
      return NODES.textNode(value);
    }
  }

  private static Optional<JsonNode> decodedJson(JsonNode data) {
    if (!data.isTextual()) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(data.textValue());
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    return json(new String(bytes, StandardCharsets.UTF_8));
  }

  private static Optional<JsonNode> json(String text) {
    if (text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(FilterJson.PAYLOAD.readTree(text)).filter(node -> !node.isMissingNode());
    } catch (JsonProcessingException notJson) {
      return Optional.empty();
    }
  }
}
