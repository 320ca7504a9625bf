package dev.lambdaloom.emulator.events.samples;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A Kinesis event as Lambda delivers a batch of one shard's records ({@code KinesisEvent} in aws-lambda-java-events):
 * data base64, 56-digit sequence numbers that increase, arrival times a millisecond apart. Immutable: start from
 * {@link #of(SampleOrigin)} and change one setting at a time.
 *
 * <p>By default record {@code i} (from 1) carries {@code {"record":i}}; given data goes into every record.
 */
public final class KinesisSample {
  /** The most a Kinesis record's data may hold. */
  public static final int MAX_DATA_BYTES = 1024 * 1024;

  private static final Pattern STREAM = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
  private static final BigInteger SEQUENCE_BASE = new BigInteger("49" + "0".repeat(54));

  /** Never changed once a sample holds it: every change copies it first. */
  private final Copy settings;

  private KinesisSample(Copy settings) {
    this.settings = settings;
  }

  /** One record on stream readings with partition key device-1. */
  public static KinesisSample of(SampleOrigin origin) {
    Copy copy = new Copy();
    copy.origin = Objects.requireNonNull(origin, "origin");
    copy.stream = "readings";
    copy.partitionKey = "device-1";
    copy.records = new RecordCount(1);
    return new KinesisSample(copy);
  }

  public KinesisSample stream(String value) {
    if (value == null || !STREAM.matcher(value).matches()) {
      throw new InvalidSampleException("a stream name is 1 to 128 letters, digits, '_', '-' or '.', found " + value);
    }
    return with(copy -> copy.stream = value);
  }

  public KinesisSample partitionKey(String value) {
    if (value == null || value.isEmpty() || value.codePointCount(0, value.length()) > 256) {
      throw new InvalidSampleException("a partition key is 1 to 256 characters, found "
          + (value == null ? null : value.length() + " characters"));
    }
    return with(copy -> copy.partitionKey = value);
  }

  /** The bytes of every record's data. */
  public KinesisSample data(byte[] value) {
    Objects.requireNonNull(value, "data");
    if (value.length > MAX_DATA_BYTES) {
      throw new InvalidSampleException("a Kinesis record holds at most " + MAX_DATA_BYTES + " bytes of data, found "
          + value.length);
    }
    return with(copy -> copy.data = value.clone());
  }

  /** Every record's data: the UTF-8 bytes of {@code text}. */
  public KinesisSample data(String text) {
    return data(text.getBytes(StandardCharsets.UTF_8));
  }

  public KinesisSample records(RecordCount value) {
    return with(copy -> copy.records = Objects.requireNonNull(value, "records"));
  }

  public String json() {
    SampleOrigin origin = settings.origin;
    SampleIds ids = origin.ids();
    String streamArn = origin.arn("kinesis", "stream/" + settings.stream);
    String role = "arn:aws:iam::" + origin.accountId() + ":role/lambda-kinesis-role";
    BigInteger sequence = SEQUENCE_BASE.add(ids.number(34).multiply(BigInteger.TEN.pow(20)));

    ObjectNode event = SampleJson.object();
    ArrayNode records = event.putArray("Records");
    for (int i = 1; i <= settings.records.value(); i++) {
      // A million apart: one shard's numbers increase but are not consecutive.
      String sequenceNumber = sequence.add(BigInteger.valueOf(1_000_000L * i)).toString();
      byte[] data = settings.data != null ? settings.data
          : ("{\"record\":" + i + "}").getBytes(StandardCharsets.UTF_8);
      ObjectNode record = records.addObject();
      ObjectNode kinesis = record.putObject("kinesis");
      kinesis.put("kinesisSchemaVersion", "1.0");
      kinesis.put("partitionKey", settings.partitionKey);
      kinesis.put("sequenceNumber", sequenceNumber);
      kinesis.put("data", Base64.getEncoder().encodeToString(data));
      kinesis.put("approximateArrivalTimestamp", SampleJson.epochSecondsWithMillis(origin.time().plusMillis(i - 1)));
      record.put("eventSource", "aws:kinesis");
      record.put("eventVersion", "1.0");
      record.put("eventID", "shardId-000000000000:" + sequenceNumber);
      record.put("eventName", "aws:kinesis:record");
      record.put("invokeIdentityArn", role);
      record.put("awsRegion", origin.region());
      record.put("eventSourceARN", streamArn);
    }
    return SampleJson.write(event);
  }

  private KinesisSample with(Consumer<Copy> change) {
    Copy copy = settings.copy();
    change.accept(copy);
    return new KinesisSample(copy);
  }

  private static final class Copy {
    SampleOrigin origin;
    String stream;
    String partitionKey;
    byte[] data;
    RecordCount records;

    Copy copy() {
      Copy copy = new Copy();
      copy.origin = origin;
      copy.stream = stream;
      copy.partitionKey = partitionKey;
      copy.data = data == null ? null : Arrays.copyOf(data, data.length);
      copy.records = records;
      return copy;
    }
  }
}
