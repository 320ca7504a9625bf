package dev.lambdaloom.emulator.events.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * An SNS event as Lambda delivers one notification ({@code SNSEvent} in aws-lambda-java-events; SNS invokes with
 * one record). Immutable: start from {@link #of(SampleOrigin)} and change one setting at a time.
 */
public final class SnsSample {
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9_-]{1,256}|[a-zA-Z0-9_-]{1,251}\\.fifo");

  /** Never changed once a sample holds it: every change copies it first. */
  private final Copy settings;

  private SnsSample(Copy settings) {
    this.settings = settings;
  }

  /** Message {"record":1} on topic my-topic, without a subject. */
  public static SnsSample of(SampleOrigin origin) {
    Copy copy = new Copy();
    copy.origin = Objects.requireNonNull(origin, "origin");
    copy.topic = "my-topic";
    copy.message = "{\"record\":1}";
    return new SnsSample(copy);
  }

  public SnsSample topic(String value) {
    if (value == null || !TOPIC.matcher(value).matches()) {
      throw new InvalidSampleException("a topic name is 1 to 256 letters, digits, '_' or '-' (a FIFO topic's ending in "
          + ".fifo), found " + value);
    }
    return with(copy -> copy.topic = value);
  }

  public SnsSample message(String value) {
    return with(copy -> copy.message = Objects.requireNonNull(value, "message"));
  }

  /** A subject as SNS takes one: 1 to 100 printable ASCII characters, no line breaks. */
  public SnsSample subject(String value) {
    if (value == null || value.isEmpty() || value.length() > 100
        || !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
      throw new InvalidSampleException("a subject is 1 to 100 printable ASCII characters without line breaks, found "
          + value);
    }
    return with(copy -> copy.subject = value);
  }

  public String json() {
    SampleOrigin origin = settings.origin;
    SampleIds ids = origin.ids();
    String topicArn = origin.arn("sns", settings.topic);
    String subscriptionArn = topicArn + ":" + ids.uuid();
    String endpoint = "https://sns." + origin.region() + ".amazonaws.com/";

    ObjectNode event = SampleJson.object();
    ObjectNode record = event.putArray("Records").addObject();
    record.put("EventSource", "aws:sns");
    record.put("EventVersion", "1.0");
    record.put("EventSubscriptionArn", subscriptionArn);
    ObjectNode sns = record.putObject("Sns");
    sns.put("Type", "Notification");
    sns.put("MessageId", ids.uuid());
    sns.put("TopicArn", topicArn);
    if (settings.subject != null) {
      sns.put("Subject", settings.subject);
    } else {
      sns.putNull("Subject");
    }
    sns.put("Message", settings.message);
    sns.put("Timestamp", SampleJson.isoMillis(origin.time()));
    sns.put("SignatureVersion", "1");
    sns.put("Signature", ids.base64(256));
    sns.put("SigningCertUrl", endpoint + "SimpleNotificationService-" + ids.hex(16) + ".pem");
    sns.put("UnsubscribeUrl", endpoint + "?Action=Unsubscribe&SubscriptionArn=" + subscriptionArn);
    sns.putObject("MessageAttributes");
    return SampleJson.write(event);
  }

  private SnsSample with(Consumer<Copy> change) {
    Copy copy = settings.copy();
    change.accept(copy);
    return new SnsSample(copy);
  }

  private static final class Copy {
    SampleOrigin origin;
    String topic;
    String message;
    String subject;

    Copy copy() {
      Copy copy = new Copy();
      copy.origin = origin;
      copy.topic = topic;
      copy.message = message;
      copy.subject = subject;
      return copy;
    }
  }
}
