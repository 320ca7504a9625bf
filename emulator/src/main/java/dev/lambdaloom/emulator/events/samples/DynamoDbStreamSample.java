package dev.lambdaloom.emulator.events.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A DynamoDB Streams event as Lambda delivers a batch of stream records ({@code DynamodbEvent} in
 * aws-lambda-java-events). Immutable: start from {@link #of(SampleOrigin)} and change one setting at a time.
 *
 * <p>By default record {@code i} (from 1) has key {@code {"pk":{"S":"item-i"}}} and images of that key with a
 * {@code version} attribute (1 before, 2 after a MODIFY); given keys and images go into every record. Images follow
 * the event name and the stream view type as on DynamoDB: an INSERT has no old image, a REMOVE no new one, and
 * KEYS_ONLY none at all.
 */
public final class DynamoDbStreamSample {
  /** What happened to the item. */
  public enum EventName { INSERT, MODIFY, REMOVE }

  /** What the stream was configured to carry. */
  public enum StreamViewType {
    KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES;

    boolean carriesNew() {
      return this == NEW_IMAGE || this == NEW_AND_OLD_IMAGES;
    }

    boolean carriesOld() {
      return this == OLD_IMAGE || this == NEW_AND_OLD_IMAGES;
    }
  }

  private static final Pattern TABLE = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
  private static final BigInteger SEQUENCE_BASE = new BigInteger("400000000000000000000");

  /** Never changed once a sample holds it: every change copies it first. */
  private final Copy settings;

  private DynamoDbStreamSample(Copy settings) {
    this.settings = settings;
  }

  /** One INSERT into table Workers, with both images in the stream. */
  public static DynamoDbStreamSample of(SampleOrigin origin) {
    Copy copy = new Copy();
    copy.origin = Objects.requireNonNull(origin, "origin");
    copy.eventName = EventName.INSERT;
    copy.table = "Workers";
    copy.records = new RecordCount(1);
    copy.viewType = StreamViewType.NEW_AND_OLD_IMAGES;
    return new DynamoDbStreamSample(copy);
  }

  public DynamoDbStreamSample eventName(EventName value) {
    return with(copy -> copy.eventName = Objects.requireNonNull(value, "eventName"));
  }

  public DynamoDbStreamSample table(String value) {
    if (value == null || !TABLE.matcher(value).matches()) {
      throw new InvalidSampleException("a table name is 3 to 255 letters, digits, '_', '-' or '.', found " + value);
    }
    return with(copy -> copy.table = value);
  }

  /** The primary key of every record, in DynamoDB JSON. */
  public DynamoDbStreamSample keys(String json) {
    return with(copy -> copy.keys = DynamoDbJson.key("keys", json));
  }

  /** The item after the change, in DynamoDB JSON; the key attributes are added when it lacks them. */
  public DynamoDbStreamSample newImage(String json) {
    return with(copy -> copy.newImage = DynamoDbJson.item("new image", json));
  }

  /** The item before the change, in DynamoDB JSON; the key attributes are added when it lacks them. */
  public DynamoDbStreamSample oldImage(String json) {
    return with(copy -> copy.oldImage = DynamoDbJson.item("old image", json));
  }

  public DynamoDbStreamSample records(RecordCount value) {
    return with(copy -> copy.records = Objects.requireNonNull(value, "records"));
  }

  public DynamoDbStreamSample streamViewType(StreamViewType value) {
    return with(copy -> copy.viewType = Objects.requireNonNull(value, "streamViewType"));
  }

  /** The event; throws InvalidSampleException for an image this event name or view type cannot carry. */
  public String json() {
    boolean withNew = settings.eventName != EventName.REMOVE && settings.viewType.carriesNew();
    boolean withOld = settings.eventName != EventName.INSERT && settings.viewType.carriesOld();
    refuseUnused(settings.newImage, withNew, "new", EventName.REMOVE);
    refuseUnused(settings.oldImage, withOld, "old", EventName.INSERT);

    SampleOrigin origin = settings.origin;
    SampleIds ids = origin.ids();
    String streamLabel = SampleJson.isoMillis(origin.time()).replace("Z", "");
    String streamArn = origin.arn("dynamodb", "table/" + settings.table + "/stream/" + streamLabel);
    BigInteger sequence = SEQUENCE_BASE.add(ids.number(14).multiply(BigInteger.valueOf(1_000_000)));

    ObjectNode event = SampleJson.object();
    ArrayNode records = event.putArray("Records");
    for (int i = 1; i <= settings.records.value(); i++) {
      ObjectNode keys = settings.keys != null ? settings.keys : defaultKeys(i);
      ObjectNode record = records.addObject();
      record.put("eventID", ids.hex(16));
      record.put("eventName", settings.eventName.name());
      record.put("eventVersion", "1.1");
      record.put("eventSource", "aws:dynamodb");
      record.put("awsRegion", origin.region());
      ObjectNode change = record.putObject("dynamodb");
      change.put("ApproximateCreationDateTime", origin.time().getEpochSecond());
      change.set("Keys", keys.deepCopy());
      long size = DynamoDbJson.size(keys);
      if (withNew) {
        ObjectNode image = image("new image", keys, settings.newImage,
            settings.eventName == EventName.MODIFY ? 2 : 1);
        change.set("NewImage", image);
        size += DynamoDbJson.size(image);
      }
      if (withOld) {
        ObjectNode image = image("old image", keys, settings.oldImage, 1);
        change.set("OldImage", image);
        size += DynamoDbJson.size(image);
      }
      // 100 apart, as the numbers of one shard's records are increasing but not consecutive.
      change.put("SequenceNumber", sequence.add(BigInteger.valueOf(100L * i)).toString());
      change.put("SizeBytes", size);
      change.put("StreamViewType", settings.viewType.name());
      record.put("eventSourceARN", streamArn);
    }
    return SampleJson.write(event);
  }

  private void refuseUnused(ObjectNode image, boolean carried, String which, EventName without) {
    if (image == null || carried) {
      return;
    }
    throw new InvalidSampleException(settings.eventName == without
        ? "a " + without + " record has no " + which + " image"
        : "stream view type " + settings.viewType + " carries no " + which + " image");
  }

  private static ObjectNode defaultKeys(int record) {
    ObjectNode keys = SampleJson.object();
    keys.putObject("pk").put("S", "item-" + record);
    return keys;
  }

  /** The key attributes, then the given image's others (or a version attribute); a key given differently is refused. */
  private static ObjectNode image(String what, ObjectNode keys, ObjectNode given, int version) {
    ObjectNode image = keys.deepCopy();
    if (given == null) {
      image.putObject("version").put("N", Integer.toString(version));
      return image;
    }
    for (Map.Entry<String, JsonNode> attribute : given.properties()) {
      JsonNode key = keys.get(attribute.getKey());
      if (key != null && !key.equals(attribute.getValue())) {
        throw new InvalidSampleException(what + ": key attribute \"" + attribute.getKey() + "\" is "
            + attribute.getValue() + " but the record's key has " + key);
      }
      image.set(attribute.getKey(), attribute.getValue());
    }
    return image;
  }

  private DynamoDbStreamSample with(Consumer<Copy> change) {
    Copy copy = settings.copy();
    change.accept(copy);
    return new DynamoDbStreamSample(copy);
  }

  private static final class Copy {
    SampleOrigin origin;
    EventName eventName;
    String table;
    ObjectNode keys;
    ObjectNode newImage;
    ObjectNode oldImage;
    RecordCount records;
    StreamViewType viewType;

    Copy copy() {
      Copy copy = new Copy();
      copy.origin = origin;
      copy.eventName = eventName;
      copy.table = table;
      copy.keys = keys;
      copy.newImage = newImage;
      copy.oldImage = oldImage;
      copy.records = records;
      copy.viewType = viewType;
      return copy;
    }
  }
}
