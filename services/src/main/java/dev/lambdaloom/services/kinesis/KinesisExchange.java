package dev.lambdaloom.services.kinesis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/**
 * One HTTP exchange of the Kinesis API: {@code POST /} with the operation in {@code X-Amz-Target} and its fields in
 * the body, AWS JSON 1.1 or CBOR by Content-Type; the answer in the same encoding. Failures are answered as Kinesis
 * answers them: the error code in {@code x-amzn-ErrorType} and in the body's {@code __type}, with a {@code message}.
 */
final class KinesisExchange implements HttpHandler {
  /** PutRecords' 5 MB of records as base64 JSON, with keys and field names, is under 7 MB. */
  static final int MAX_BODY_BYTES = 16 << 20;
  private static final System.Logger LOG = System.getLogger(KinesisExchange.class.getName());

  private final KinesisApi api;

  KinesisExchange(KinesisApi api) {
    this.api = api;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Wire answerWire = Wire.of(exchange.getRequestHeaders().getFirst("Content-Type")).orElse(Wire.JSON);
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      try {
        ObjectNode answer = answer(exchange, target);
        send(exchange, 200, answerWire, answerWire.write(answer));
      } catch (KinesisFailure failure) {
        sendError(exchange, answerWire, failure.error(), failure.getMessage());
      } catch (RuntimeException e) {
        String message = "KinesisLocal failed on " + target + ": " + e;
        LOG.log(System.Logger.Level.ERROR, message, e);
        sendError(exchange, answerWire, KinesisError.INTERNAL_FAILURE, message);
      }
    }
  }

  private ObjectNode answer(HttpExchange exchange, String target) throws KinesisFailure, IOException {
    if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/")) {
      throw new KinesisFailure(KinesisError.UNKNOWN_OPERATION, "Kinesis's API is POST / with X-Amz-Target, not "
          + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
    }
    if (target == null || !target.startsWith(KinesisApi.TARGET_PREFIX)) {
      throw new KinesisFailure(KinesisError.UNKNOWN_OPERATION, "X-Amz-Target must be " + KinesisApi.TARGET_PREFIX
          + "<Operation>, not " + target);
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    Wire wire = Wire.of(contentType).orElseThrow(() -> new KinesisFailure(KinesisError.SERIALIZATION,
        "Content-Type must be " + Wire.JSON.contentType() + " or " + Wire.CBOR.contentType() + ", not " + contentType));
    byte[] body = readBody(exchange.getRequestBody());
    return api.answer(target.substring(KinesisApi.TARGET_PREFIX.length()), new RequestFields(wire.read(body), wire));
  }

  private static byte[] readBody(InputStream in) throws IOException, KinesisFailure {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      throw new KinesisFailure(KinesisError.REQUEST_TOO_LARGE, "the request body is larger than " + MAX_BODY_BYTES
          + " bytes, more than any Kinesis request can be");
    }
    return body;
  }

  /** An error in the request's encoding (JSON when it named none): {"__type", "message"}. */
  static void sendError(HttpExchange exchange, Wire wire, KinesisError error, String message) throws IOException {
    ObjectNode body = StreamOperations.object();
    body.put("__type", error.code());
    body.put("message", message);
    exchange.getResponseHeaders().set("x-amzn-ErrorType", error.code());
    send(exchange, error.status(), wire, wire.write(body));
  }

  private static void send(HttpExchange exchange, int status, Wire wire, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", wire.contentType());
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
