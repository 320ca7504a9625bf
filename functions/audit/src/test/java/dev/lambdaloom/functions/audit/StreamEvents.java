package dev.lambdaloom.functions.audit;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds DynamoDB stream events as the runtime hands them to the handler, for Workers items. */
final class StreamEvents {
  static final String ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/Workers/stream/2026-01-01T00:00:00.000";
  static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");

  private StreamEvents() {}

  static DynamodbEvent event(DynamodbStreamRecord... records) {
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(new ArrayList<>(List.of(records)));
    return event;
  }

  /** A Workers item's key, as the seeder writes them. */
  static Map<String, AttributeValue> key(int workerId, String startTime) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    key.put("WorkerId", new AttributeValue().withN(Integer.toString(workerId)));
    key.put("StartTime", new AttributeValue().withS(startTime));
    return key;
  }

  /** A Workers item: its key plus a completion flag and a note. */
  static Map<String, AttributeValue> item(int workerId, String startTime, String completed, String note) {
    Map<String, AttributeValue> item = new LinkedHashMap<>(key(workerId, startTime));
    item.put("Completed", new AttributeValue().withN(completed));
    item.put("Note", new AttributeValue().withS(note));
    return item;
  }

  /** {@code item} with {@code attribute} replaced by a value of no type, as no DynamoDB stream would send it. */
  static Map<String, AttributeValue> withUntyped(Map<String, AttributeValue> item, String attribute) {
    item.put(attribute, new AttributeValue());
    return item;
  }

  static DynamodbStreamRecord insert(String sequence, Map<String, AttributeValue> item) {
    return record("INSERT", sequence, keyOf(item), null, item);
  }

  static DynamodbStreamRecord modify(String sequence, Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
    return record("MODIFY", sequence, keyOf(after), before, after);
  }

  static DynamodbStreamRecord remove(String sequence, Map<String, AttributeValue> item) {
    return record("REMOVE", sequence, keyOf(item), item, null);
  }

  static DynamodbStreamRecord record(String eventName, String sequence, Map<String, AttributeValue> keys,
      Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
    StreamRecord stream = new StreamRecord();
    stream.setKeys(keys);
    stream.setOldImage(oldImage);
    stream.setNewImage(newImage);
    stream.setSequenceNumber(sequence);
    stream.setApproximateCreationDateTime(Date.from(CREATED));
    stream.setStreamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
    DynamodbStreamRecord record = new DynamodbStreamRecord();
    record.setEventID("event-" + sequence);
    record.setEventName(eventName);
    record.setEventSource("aws:dynamodb");
    record.setEventSourceARN(ARN);
    record.setAwsRegion("us-east-1");
    record.setDynamodb(stream);
    return record;
  }

  private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    key.put("WorkerId", item.get("WorkerId"));
    key.put("StartTime", item.get("StartTime"));
    return key;
  }
}
