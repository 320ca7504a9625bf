package dev.lambdaloom.services.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A request's fields, read with the checks Kinesis's model puts on them: a missing, mistyped or out-of-range field is
 * a ValidationException or SerializationException naming the field, never a default taken silently.
 */
final class RequestFields {
  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
  private static final Pattern STREAM_ARN =
      Pattern.compile("arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\\d{12}:stream/([a-zA-Z0-9_.-]{1,128})");

  private final ObjectNode fields;
  private final Wire wire;

  RequestFields(ObjectNode fields, Wire wire) {
    this.fields = fields;
    this.wire = wire;
  }

  /** The stream a request names, by StreamName or by StreamARN. */
  String streamName() throws KinesisFailure {
    Optional<String> name = optionalString("StreamName", 1, 128, NAME);
    Optional<String> arn = optionalString("StreamARN", 1, 2048, null);
    if (arn.isPresent()) {
      var match = STREAM_ARN.matcher(arn.get());
      if (!match.matches()) {
        throw KinesisFailure.invalidField(arn.get(), "streamARN", "Member must be a Kinesis stream ARN,"
            + " arn:aws:kinesis:REGION:ACCOUNT:stream/NAME");
      }
      if (name.isPresent() && !name.get().equals(match.group(1))) {
        throw new KinesisFailure(KinesisError.INVALID_ARGUMENT, "StreamName " + name.get() + " and StreamARN "
            + arn.get() + " name different streams");
      }
      return match.group(1);
    }
    return name.orElseThrow(() -> new KinesisFailure(KinesisError.VALIDATION,
        "Either StreamName or StreamARN should be provided."));
  }

  String requiredString(String field, int min, int max, Pattern pattern) throws KinesisFailure {
    return optionalString(field, min, max, pattern).orElseThrow(() -> missing(field));
  }

  Optional<String> optionalString(String field, int min, int max, Pattern pattern) throws KinesisFailure {
    JsonNode value = fields.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw mistyped(field, "a string", value);
    }
    String text = value.textValue();
    if (text.length() < min) {
      throw KinesisFailure.invalidField(text, memberName(field), "Member must have length greater than or equal to "
          + min);
    }
    if (text.length() > max) {
      throw KinesisFailure.invalidField(text, memberName(field), "Member must have length less than or equal to "
          + max);
    }
    if (pattern != null && !pattern.matcher(text).matches()) {
      throw KinesisFailure.invalidField(text, memberName(field), "Member must satisfy regular expression pattern: "
          + pattern.pattern());
    }
    return Optional.of(text);
  }

  /** An integer field, {@code absent} when the request leaves it out. */
  Optional<Integer> optionalInt(String field, int min, int max) throws KinesisFailure {
    JsonNode value = fields.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw mistyped(field, "an integer", value);
    }
    int number = value.intValue();
    if (number < min) {
      throw KinesisFailure.invalidField(number, memberName(field), "Member must have value greater than or equal to "
          + min);
    }
    if (number > max) {
      throw KinesisFailure.invalidField(number, memberName(field), "Member must have value less than or equal to "
          + max);
    }
    return Optional.of(number);
  }

  Optional<Instant> optionalInstant(String field) throws KinesisFailure {
    JsonNode value = fields.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(wire.instant(value, field));
  }

  /** A blob: a byte string in CBOR, base64 text in JSON (and accepted as such in CBOR too). */
  byte[] requiredBlob(String field, int max) throws KinesisFailure {
    JsonNode value = fields.get(field);
    if (value == null || value.isNull()) {
      throw missing(field);
    }
    byte[] bytes;
    if (value.isBinary()) {
      try {
        bytes = value.binaryValue();
      } catch (IOException e) {
        throw new KinesisFailure(KinesisError.SERIALIZATION, field + " could not be read as bytes", e);
      }
    } else if (value.isTextual()) {
      try {
        bytes = Base64.getDecoder().decode(value.textValue());
      } catch (IllegalArgumentException e) {
        throw new KinesisFailure(KinesisError.SERIALIZATION, field + " is not valid base64: " + e.getMessage(), e);
      }
    } else {
      throw mistyped(field, "a blob (base64 text in JSON, a byte string in CBOR)", value);
    }
    if (bytes.length > max) {
      throw KinesisFailure.invalidField("java.nio.HeapByteBuffer[pos=0 lim=" + bytes.length + " cap=" + bytes.length
          + "]", memberName(field), "Member must have length less than or equal to " + max);
    }
    return bytes;
  }

  /** The members of a list field, each an object. */
  List<RequestFields> requiredObjects(String field, int min, int max) throws KinesisFailure {
    JsonNode value = fields.get(field);
    if (value == null || value.isNull()) {
      throw missing(field);
    }
    if (!value.isArray()) {
      throw mistyped(field, "a list", value);
    }
    if (value.size() < min || value.size() > max) {
      throw KinesisFailure.invalidField("[" + value.size() + " members]", memberName(field), "Member must have length "
          + (value.size() < min ? "greater than or equal to " + min : "less than or equal to " + max));
    }
    List<RequestFields> members = new java.util.ArrayList<>(value.size());
    for (JsonNode member : value) {
      if (!(member instanceof ObjectNode object)) {
        throw mistyped(field + " member", "an object", member);
      }
      members.add(new RequestFields(object, wire));
    }
    return members;
  }

  /** An object field's fields, if present. */
  Optional<RequestFields> optionalObject(String field) throws KinesisFailure {
    JsonNode value = fields.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!(value instanceof ObjectNode object)) {
      throw mistyped(field, "an object", value);
    }
    return Optional.of(new RequestFields(object, wire));
  }

  /** AWS's messages name members in lower camel case: StreamName is 'streamName'. */
  private static String memberName(String field) {
    return Character.toLowerCase(field.charAt(0)) + field.substring(1);
  }

  private static KinesisFailure missing(String field) {
    return KinesisFailure.invalidField(null, memberName(field), "Member must not be null");
  }

  private static KinesisFailure mistyped(String field, String expected, JsonNode value) {
    return new KinesisFailure(KinesisError.SERIALIZATION, field + " must be " + expected + ", not "
        + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + abbreviated(value.toString()));
  }

  private static String abbreviated(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }
}
