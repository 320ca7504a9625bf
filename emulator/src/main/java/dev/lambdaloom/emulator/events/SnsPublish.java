package dev.lambdaloom.emulator.events;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Publish to a topic, as SNS takes it.
 *
 * @param topicArn the topic
 * @param message the message, at most 256 KB
 * @param subject the optional subject (at most 100 characters)
 * @param attributes the message attributes by name
 */
public record SnsPublish(String topicArn, String message, Optional<String> subject,
    Map<String, SnsPublish.Attribute> attributes) {
  /** SNS's largest message, attributes included. */
  public static final int MAX_BYTES = 262_144;

  /**
   * A message attribute as SNS delivers it to Lambda: its type (String, String.Array, Number, Binary) and its value
   * (binary ones base64).
   */
  public record Attribute(String type, String value) {
    public Attribute {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(value, "value");
    }
  }

  /** @throws IllegalArgumentException naming what SNS would refuse: an empty message, too large, a long subject */
  public SnsPublish {
    Objects.requireNonNull(topicArn, "topicArn");
    Objects.requireNonNull(subject, "subject");
    attributes = Map.copyOf(attributes);
    if (message == null || message.isEmpty()) {
      throw new IllegalArgumentException("Empty message");
    }
    long size = message.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    for (Map.Entry<String, Attribute> attribute : attributes.entrySet()) {
      size += attribute.getKey().length() + attribute.getValue().type().length() + attribute.getValue().value().length();
    }
    if (size > MAX_BYTES) {
      throw new IllegalArgumentException("Message too long: " + size + " bytes with its attributes, at most "
          + MAX_BYTES);
    }
    if (subject.isPresent() && (subject.get().isEmpty() || subject.get().length() > 100)) {
      throw new IllegalArgumentException("Subject must be 1 to 100 characters");
    }
  }
}
