package dev.lambdaloom.functions.ingestrequest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * An ingest request read from a message, named for its run. The ingest function checks the request fully when it
 * runs; here only what would make it useless to start: not a JSON object, or no urlTemplate or bucket. The run is
 * named by the message's id (the request's own runId wins): a redelivered message starts a run of the same name,
 * which writes the same object keys, instead of a second set beside the first.
 *
 * <p>Read and written with Jackson's streaming API, field by field: the zip carries no databind (1.7 MB).
 */
final class RunRequest {
  /** The ingest function's own rule for a run id. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._~-]{1,256}");
  private static final String RUN_ID = "runId";
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private RunRequest() {}

  /**
   * The payload of the ingest invocation: the request's fields as they came, with a runId when it had none.
   *
   * @throws IllegalArgumentException saying what is wrong with the message
   */
  static byte[] payload(String message, String messageId) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.length() + 64);
    try (JsonParser parser = JSON.createParser(message); JsonGenerator out = JSON.createGenerator(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("message " + messageId + " is not an ingest request object");
      }
      out.writeStartObject();
      String urlTemplate = null;
      String bucket = null;
      boolean named = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals(RUN_ID) && value == JsonToken.VALUE_NULL) {
          continue; // a null runId is no runId: replaced below, not written twice
        }
        out.writeFieldName(field);
        out.copyCurrentStructure(parser);
        if (value == JsonToken.VALUE_STRING) {
          switch (field) {
            case "urlTemplate" -> urlTemplate = parser.getText();
            case "bucket" -> bucket = parser.getText();
            default -> { }
          }
        }
        named |= field.equals(RUN_ID);
      }
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("message " + messageId + " has more after its request object");
      }
      requireText(urlTemplate, "urlTemplate", messageId);
      requireText(bucket, "bucket", messageId);
      if (!named) {
        if (!SAFE_ID.matcher(messageId).matches()) {
          throw new IllegalArgumentException("message id " + messageId + " cannot name a run");
        }
        out.writeStringField(RUN_ID, messageId);
      }
      out.writeEndObject();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("message " + messageId + " is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the request of message " + messageId, e);
    }
    return bytes.toByteArray();
  }

  private static void requireText(String value, String field, String messageId) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("message " + messageId + " has no " + field);
    }
  }
}
