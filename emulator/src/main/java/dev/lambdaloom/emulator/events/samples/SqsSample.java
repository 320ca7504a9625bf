package dev.lambdaloom.emulator.events.samples;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * An SQS event as Lambda delivers a batch of received messages ({@code SQSEvent} in aws-lambda-java-events): a
 * message id and receipt handle each, the body's real MD5, and for a FIFO queue the group id, a deduplication id
 * (the body's SHA-256, as content-based deduplication makes it) and increasing sequence numbers. Immutable: start
 * from {@link #of(SampleOrigin)} and change one setting at a time.
 *
 * <p>By default message {@code i} (from 1) has body {@code {"record":i}}; a given body goes into every message.
 */
public final class SqsSample {
  private static final Pattern QUEUE = Pattern.compile("[a-zA-Z0-9_-]{1,80}");
  /** The message group of a FIFO queue's messages when none is given. */
  public static final String DEFAULT_GROUP_ID = "group-1";

  private static final String FIFO_SUFFIX = ".fifo";
  private static final BigInteger FIFO_SEQUENCE_BASE = new BigInteger("18000000000000000000");

  /** Never changed once a sample holds it: every change copies it first. */
  private final Copy settings;

  private SqsSample(Copy settings) {
    this.settings = settings;
  }

  /** One message from the standard queue my-queue. */
  public static SqsSample of(SampleOrigin origin) {
    Copy copy = new Copy();
    copy.origin = Objects.requireNonNull(origin, "origin");
    copy.queue = "my-queue";
    copy.records = new RecordCount(1);
    return new SqsSample(copy);
  }

  /** The queue's name; one ending in .fifo is a FIFO queue. */
  public SqsSample queue(String value) {
    String base = value != null && value.endsWith(FIFO_SUFFIX)
        ? value.substring(0, value.length() - FIFO_SUFFIX.length()) : value;
    if (base == null || !QUEUE.matcher(base).matches() || value.length() > 80) {
      throw new InvalidSampleException("a queue name is 1 to 80 letters, digits, '_' or '-' (a FIFO queue's ending in "
          + FIFO_SUFFIX + "), found " + value);
    }
    return with(copy -> {
      copy.queue = value;
      copy.queueNamed = true;
    });
  }

  /**
   * Messages of a FIFO queue, all in group {@code groupId}. The default queue's name gets .fifo; a queue named
   * otherwise is refused, as SQS names every FIFO queue so.
   */
  public SqsSample fifo(String groupId) {
    if (groupId == null || groupId.isEmpty() || groupId.length() > 128
        || !groupId.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      throw new InvalidSampleException("a message group id is 1 to 128 printable ASCII characters without spaces, found "
          + groupId);
    }
    return with(copy -> copy.groupId = groupId);
  }

  public SqsSample body(String value) {
    return with(copy -> copy.body = Objects.requireNonNull(value, "body"));
  }

  public SqsSample records(RecordCount value) {
    return with(copy -> copy.records = Objects.requireNonNull(value, "records"));
  }

  /** The event; throws InvalidSampleException for a FIFO group on a queue whose name is not a FIFO queue's. */
  public String json() {
    String queue = settings.queue;
    boolean fifo = queue.endsWith(FIFO_SUFFIX) || settings.groupId != null;
    if (settings.groupId != null && !queue.endsWith(FIFO_SUFFIX)) {
      if (settings.queueNamed) {
        throw new InvalidSampleException("queue " + queue + " is not a FIFO queue: FIFO queue names end in "
            + FIFO_SUFFIX);
      }
      queue += FIFO_SUFFIX;
    }
    String groupId = settings.groupId != null ? settings.groupId : DEFAULT_GROUP_ID;

    SampleOrigin origin = settings.origin;
    SampleIds ids = origin.ids();
    String queueArn = origin.arn("sqs", queue);
    String senderId = "AIDA" + ids.hex(8).toUpperCase(Locale.ROOT);
    BigInteger sequence = FIFO_SEQUENCE_BASE.add(ids.number(16).multiply(BigInteger.valueOf(1_000)));

    ObjectNode event = SampleJson.object();
    ArrayNode records = event.putArray("Records");
    for (int i = 1; i <= settings.records.value(); i++) {
      String body = settings.body != null ? settings.body : "{\"record\":" + i + "}";
      String sent = Long.toString(origin.time().plusMillis(i - 1).toEpochMilli());
      ObjectNode message = records.addObject();
      message.put("messageId", ids.uuid());
      message.put("receiptHandle", "AQEB" + ids.base64(96));
      message.put("body", body);
      ObjectNode attributes = message.putObject("attributes");
      attributes.put("ApproximateReceiveCount", "1");
      attributes.put("SentTimestamp", sent);
      attributes.put("SenderId", senderId);
      attributes.put("ApproximateFirstReceiveTimestamp", sent);
      if (fifo) {
        attributes.put("SequenceNumber", sequence.add(BigInteger.valueOf(i)).toString());
        attributes.put("MessageGroupId", groupId);
        attributes.put("MessageDeduplicationId", Digests.sha256(body));
      }
      message.putObject("messageAttributes");
      message.put("md5OfBody", Digests.md5(body.getBytes(StandardCharsets.UTF_8)));
      message.put("eventSource", "aws:sqs");
      message.put("eventSourceARN", queueArn);
      message.put("awsRegion", origin.region());
    }
    return SampleJson.write(event);
  }

  private SqsSample with(Consumer<Copy> change) {
    Copy copy = settings.copy();
    change.accept(copy);
    return new SqsSample(copy);
  }

  private static final class Copy {
    SampleOrigin origin;
    String queue;
    boolean queueNamed;
    String groupId;
    String body;
    RecordCount records;

    Copy copy() {
      Copy copy = new Copy();
      copy.origin = origin;
      copy.queue = queue;
      copy.queueNamed = queueNamed;
      copy.groupId = groupId;
      copy.body = body;
      copy.records = records;
      return copy;
    }
  }
}
