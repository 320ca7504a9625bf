package dev.lambdaloom.emulator.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The JSON SNS delivers: the notification (Lambda's {@code Sns} object, or the envelope an SQS subscription's queue
 * receives) and Lambda's SNSEvent around it. Locally nothing is signed: Signature is a fixed placeholder, the
 * certificate and unsubscribe URLs point nowhere reachable.
 */
final class SnsRecords {
  static final String SIGNATURE_VERSION = "1";
  private static final String SIGNATURE = Base64.getEncoder().encodeToString(
      "not signed: delivered locally by Lambdaloom".getBytes(java.nio.charset.StandardCharsets.UTF_8));

  private SnsRecords() {}

  /**
   * The notification; {@code lambdaNames} picks Lambda's spelling (SigningCertUrl, UnsubscribeUrl, Subject null when
   * absent) over the one SQS receives (SigningCertURL, UnsubscribeURL, no Subject when absent).
   */
  static ObjectNode notification(SnsPublish publish, String messageId, Instant timestamp, String subscriptionArn,
      boolean lambdaNames) {
    ObjectNode sns = Json.MAPPER.createObjectNode();
    sns.put("Type", "Notification");
    sns.put("MessageId", messageId);
    sns.put("TopicArn", publish.topicArn());
    if (publish.subject().isPresent()) {
      sns.put("Subject", publish.subject().get());
    } else if (lambdaNames) {
      sns.putNull("Subject");
    }
    sns.put("Message", publish.message());
    sns.put("Timestamp", timestamp.truncatedTo(ChronoUnit.MILLIS).toString());
    sns.put("SignatureVersion", SIGNATURE_VERSION);
    sns.put("Signature", SIGNATURE);
    String region = publish.topicArn().split(":")[3];
    sns.put(lambdaNames ? "SigningCertUrl" : "SigningCertURL",
        "https://sns." + region + ".amazonaws.com/SimpleNotificationService-lambdaloom.pem");
    sns.put(lambdaNames ? "UnsubscribeUrl" : "UnsubscribeURL", "https://sns." + region
        + ".amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + subscriptionArn);
    ObjectNode attributes = sns.putObject("MessageAttributes");
    publish.attributes().forEach((name, value) -> {
      ObjectNode attribute = attributes.putObject(name);
      attribute.put("Type", value.type());
      attribute.put("Value", value.value());
    });
    return sns;
  }

  /** {@code {"Records": [{"EventSource": "aws:sns", "EventVersion": "1.0", "EventSubscriptionArn", "Sns"}]}} */
  static byte[] lambdaEvent(ObjectNode notification, String subscriptionArn) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    ObjectNode record = event.putArray("Records").addObject();
    record.put("EventSource", SourceKind.SNS.eventSource());
    record.put("EventVersion", "1.0");
    record.put("EventSubscriptionArn", subscriptionArn);
    record.set("Sns", notification);
    return Json.bytes(event);
  }
}
