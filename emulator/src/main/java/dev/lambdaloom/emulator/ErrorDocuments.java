package dev.lambdaloom.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The JSON documents Lambda returns when an invocation fails: {errorMessage, errorType[, stackTrace]}. */
final class ErrorDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorDocuments() {}

  static byte[] of(String errorType, String errorMessage) {
    ObjectNode node = JSON.createObjectNode();
    node.put("errorMessage", errorMessage);
    node.put("errorType", errorType);
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] timedOut(String requestId, java.time.Duration timeout) {
    return of("Sandbox.Timedout", "RequestId: " + requestId + " Error: " + timeoutMessage(timeout));
  }

  static String timeoutMessage(java.time.Duration timeout) {
    return String.format(Locale.ROOT, "Task timed out after %.2f seconds", timeout.toMillis() / 1000.0);
  }

  static byte[] exited(String requestId, ExitStatus status) {
    return of(status.errorType(), "RequestId: " + requestId + " Error: Runtime exited with error: " + status.describe());
  }

  static byte[] responseTooLarge() {
    return of("Function.ResponseSizeTooLarge", "Response payload size exceeded maximum allowed payload size ("
        + RuntimeApiServer.MAX_RESPONSE_BYTES + " bytes).");
  }

  /**
   * A runtime's error body as the caller will see it: kept as posted when it is a JSON object,
   * else wrapped, so callers always get Lambda's shape.
   */
  static byte[] fromRuntime(String headerType, byte[] body) {
    JsonNode node = parse(body);
    if (node != null && node.isObject()) {
      return body;
    }
    String message = new String(body, StandardCharsets.UTF_8);
    return of(headerType, message.isBlank() ? "Unknown application error occurred" : message);
  }

  /** The errorType field of a runtime's error body, else the Lambda-Runtime-Function-Error-Type header. */
  static String errorType(String headerType, byte[] body) {
    JsonNode node = parse(body);
    if (node != null && node.hasNonNull("errorType")) {
      return node.get("errorType").asText();
    }
    return headerType;
  }

  private static JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
