package dev.lambdaloom.emulator.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQSEvent: a received message as one of its {@code Records}, and the records as the event. Field names and
 * shapes are those the aws-lambda-java-events SQSEvent reads (camelCase, attributes as strings, binary values base64).
 */
final class SqsRecords {
  /** The system attributes Lambda passes on, standard queues first, then those FIFO queues add. */
  private static final List<MessageSystemAttributeName> ATTRIBUTES = List.of(
      MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
      MessageSystemAttributeName.SENT_TIMESTAMP,
      MessageSystemAttributeName.SENDER_ID,
      MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP,
      MessageSystemAttributeName.SEQUENCE_NUMBER,
      MessageSystemAttributeName.MESSAGE_GROUP_ID,
      MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID,
      MessageSystemAttributeName.AWS_TRACE_HEADER);

  private final String queueArn;
  private final String region;

  SqsRecords(String queueArn, String region) {
    this.queueArn = queueArn;
    this.region = region;
  }

  /** The record Lambda builds for {@code message}. */
  ObjectNode record(Message message) {
    ObjectNode record = Json.MAPPER.createObjectNode();
    record.put("messageId", message.messageId());
    record.put("receiptHandle", message.receiptHandle());
    record.put("body", message.body());
    ObjectNode attributes = record.putObject("attributes");
    Map<MessageSystemAttributeName, String> given = message.attributes();
    for (MessageSystemAttributeName name : ATTRIBUTES) {
      String value = given.get(name);
      if (value != null) {
        attributes.put(name.toString(), value);
      }
    }
    ObjectNode messageAttributes = record.putObject("messageAttributes");
    message.messageAttributes().forEach((name, value) -> messageAttributes.set(name, attribute(value)));
    record.put("md5OfBody", message.md5OfBody());
    if (message.md5OfMessageAttributes() != null) {
      record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
    }
    record.put("eventSource", SourceKind.SQS.eventSource());
    record.put("eventSourceARN", queueArn);
    record.put("awsRegion", region);
    return record;
  }

  /** {@code {"Records": [...]}} */
  static byte[] event(List<ObjectNode> records) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.putArray("Records").addAll(records);
    return Json.bytes(event);
  }

  /** The bytes one record adds to an event: its JSON and a comma. */
  static long size(ObjectNode record) {
    return Json.bytes(record).length + 1L;
  }

  /** The bytes of an event with no records. */
  static long emptyEventSize() {
    return event(List.of()).length;
  }

  private static ObjectNode attribute(MessageAttributeValue value) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    if (value.stringValue() != null) {
      node.put("stringValue", value.stringValue());
    }
    if (value.binaryValue() != null) {
      node.put("binaryValue", base64(value.binaryValue()));
    }
    ArrayNode strings = node.putArray("stringListValues");
    value.stringListValues().forEach(strings::add);
    ArrayNode binaries = node.putArray("binaryListValues");
    value.binaryListValues().forEach(bytes -> binaries.add(base64(bytes)));
    node.put("dataType", value.dataType());
    return node;
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArray());
  }
}
