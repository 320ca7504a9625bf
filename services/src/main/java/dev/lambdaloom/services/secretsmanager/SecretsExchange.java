package dev.lambdaloom.services.secretsmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/**
 * One HTTP exchange of the Secrets Manager API: {@code POST /} with the operation in {@code X-Amz-Target} and its
 * fields in an AWS JSON 1.1 body. Failures are answered as Secrets Manager answers them: the code in
 * {@code x-amzn-ErrorType} and in the body's {@code __type}, with a {@code Message}.
 */
final class SecretsExchange implements HttpHandler {
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  /** A secret value is at most 64 KB; its JSON request with the other fields fits well under this. */
  private static final int MAX_BODY_BYTES = 256 << 10;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final System.Logger LOG = System.getLogger(SecretsExchange.class.getName());

  private final SecretsApi api;

  SecretsExchange(SecretsApi api) {
    this.api = api;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      try {
        send(exchange, 200, JSON.writeValueAsBytes(answer(exchange, target)));
      } catch (SecretsFailure failure) {
        sendError(exchange, failure.error(), failure.getMessage());
      } catch (RuntimeException e) {
        String message = "SecretsManagerLocal failed on " + target + ": " + e;
        LOG.log(System.Logger.Level.ERROR, message, e);
        sendError(exchange, SecretsError.INTERNAL_FAILURE, message);
      }
    }
  }

  private ObjectNode answer(HttpExchange exchange, String target) throws SecretsFailure, IOException {
    if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/")) {
      throw new SecretsFailure(SecretsError.UNKNOWN_OPERATION, "Secrets Manager's API is POST / with X-Amz-Target,"
          + " not " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
    }
    if (target == null || !target.startsWith(SecretsApi.TARGET_PREFIX)) {
      throw new SecretsFailure(SecretsError.UNKNOWN_OPERATION,
          "X-Amz-Target must be " + SecretsApi.TARGET_PREFIX + "<Operation>, not " + target);
    }
    byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      throw new SecretsFailure(SecretsError.SERIALIZATION, "the request body is larger than " + MAX_BODY_BYTES
          + " bytes, more than any Secrets Manager request can be");
    }
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new SecretsFailure(SecretsError.SERIALIZATION, "the body is not JSON: " + e.getOriginalMessage());
    }
    if (request == null || !request.isObject()) {
      throw new SecretsFailure(SecretsError.SERIALIZATION, "the body must be a JSON object");
    }
    return api.answer(target.substring(SecretsApi.TARGET_PREFIX.length()), request);
  }

  static void sendError(HttpExchange exchange, SecretsError error, String message) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", error.code());
    body.put("Message", message);
    exchange.getResponseHeaders().set("x-amzn-ErrorType", error.code());
    send(exchange, error.status(), JSON.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
