package dev.lambdaloom.functions.ingestrequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * An ingest request read from a message, named for its run. The ingest function checks the request fully when it
 * runs; here only what would make it useless to start: not a JSON object, or no urlTemplate or bucket. The run is
 * named by the message's id (the request's own runId wins): a redelivered message starts a run of the same name,
 * which writes the same object keys, instead of a second set beside the first.
 */
final class RunRequest {
  /** The ingest function's own rule for a run id. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._~-]{1,256}");
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private RunRequest() {}

  /**
   * The payload of the ingest invocation.
   *
   * @throws IllegalArgumentException saying what is wrong with the message
   */
  static byte[] payload(String message, String messageId) {
    JsonNode request;
    try {
      request = JSON.readTree(message);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("message " + messageId + " is not JSON: " + e.getOriginalMessage(), e);
    }
    if (!(request instanceof ObjectNode object)) {
      throw new IllegalArgumentException("message " + messageId + " is not an ingest request object");
    }
    for (String field : new String[] {"urlTemplate", "bucket"}) {
      if (!object.path(field).isTextual() || object.path(field).asText().isBlank()) {
        throw new IllegalArgumentException("message " + messageId + " has no " + field);
      }
    }
    if (!object.hasNonNull("runId")) {
      if (!SAFE_ID.matcher(messageId).matches()) {
        throw new IllegalArgumentException("message id " + messageId + " cannot name a run");
      }
      object.put("runId", messageId);
    }
    try {
      return JSON.writeValueAsBytes(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the request of message " + messageId, e);
    }
  }
}
