package dev.lambdaloom.emulator;

import com.sun.net.httpserver.HttpExchange;
import dev.lambdaloom.loopback.LoopbackHttpServer;
import dev.lambdaloom.loopback.LoopbackRequestGuard;
import dev.lambdaloom.loopback.RequestBodyDeadline;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Lambda's Runtime API ({@code /2018-06-01/runtime/...}) for one container, on loopback. The
 * runtime inside the container (AWS's runtime interface client, or any custom {@code bootstrap})
 * long-polls {@code invocation/next} and posts back a response or an error; this class only
 * speaks HTTP and hands every call to the container's {@link Protocol}. Like every Lambdaloom server it answers only
 * requests addressed to the loopback and closes a connection whose body does not arrive in time; and it holds no more
 * of a body than Lambda would take: a response or error document over {@value #MAX_RESPONSE_BYTES} bytes is refused
 * with a 413 after its first bytes, and the invocation ends with an error all the same.
 */
final class RuntimeApiServer implements AutoCloseable {
  static final String PREFIX = "/2018-06-01/runtime/";
  /** Lambda's limit on a synchronous response: 6 MB as Lambda counts it. */
  static final long MAX_RESPONSE_BYTES = 6_291_556;
  /**
   * The most of an error document (/invocation/{id}/error, /init/error) kept: what the caller gets is the invocation's
   * payload, under the same limit as a response.
   */
  static final long MAX_ERROR_BYTES = MAX_RESPONSE_BYTES;

  /** What the container does with each Runtime API call. */
  interface Protocol {
    /** Blocks until there is an event for the runtime; null once the container is shutting down. */
    Invocation next() throws InterruptedException;

    /** The event is being written to the runtime: its clock starts. */
    void delivered(Invocation invocation);

    /** Writing the event failed (the runtime went away): it must run elsewhere. */
    void deliveryFailed(Invocation invocation);

    /** Returns false when {@code requestId} is not the invocation in progress. */
    boolean completed(String requestId, RuntimeOutcome outcome);

    void initFailed(String errorType, byte[] body);

    /** Lambda-Runtime-Deadline-Ms for an event delivered now. */
    long deadlineEpochMillis();
  }

  private final LoopbackHttpServer server;
  private final Protocol protocol;

  RuntimeApiServer(Protocol protocol) throws IOException {
    this.protocol = protocol;
    this.server = LoopbackHttpServer.start(0, 16, Map.of(PREFIX, this::handle), List.of(
        new RequestBodyDeadline(RequestBodyDeadline.DEFAULT_TIMEOUT),
        new LoopbackRequestGuard((exchange, reason) -> send(exchange, 403, runtimeError("Forbidden", reason)))));
  }

  /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
  String address() {
    return "127.0.0.1:" + server.port();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
      String method = exchange.getRequestMethod();
      if (method.equals("GET") && path.equals("invocation/next")) {
        next(exchange);
      } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
        response(exchange, path.substring("invocation/".length(), path.length() - "/response".length()));
      } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/error")) {
        invocationError(exchange, path.substring("invocation/".length(), path.length() - "/error".length()));
      } else if (method.equals("POST") && path.equals("init/error")) {
        initError(exchange);
      } else {
        send(exchange, 404, runtimeError("InvalidRequest", "Unknown Runtime API path: " + method + " " + path));
      }
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    Invocation invocation;
    try {
      invocation = protocol.next();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (invocation == null) {
      return; // shutting down: the closed exchange tells the runtime
    }
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/json");
    headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
    headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(protocol.deadlineEpochMillis()));
    headers.set("Lambda-Runtime-Invoked-Function-Arn", invocation.functionArn());
    headers.set("Lambda-Runtime-Trace-Id", invocation.traceId());
    if (invocation.clientContext() != null) {
      headers.set("Lambda-Runtime-Client-Context", invocation.clientContext());
    }
    if (invocation.cognitoIdentity() != null) {
      headers.set("Lambda-Runtime-Cognito-Identity", invocation.cognitoIdentity());
    }
    // The clock starts before the write: a fast runtime can answer before this thread resumes.
    protocol.delivered(invocation);
    try {
      byte[] payload = invocation.payload();
      exchange.sendResponseHeaders(200, payload.length == 0 ? -1 : payload.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(payload);
      }
    } catch (IOException e) {
      protocol.deliveryFailed(invocation);
      throw e;
    }
  }

  private void response(HttpExchange exchange, String requestId) throws IOException {
    byte[] body = PayloadReader.readAtMost(exchange.getRequestBody(), MAX_RESPONSE_BYTES);
    if (body == null) {
      long declared = declaredLength(exchange);
      protocol.completed(requestId, new RuntimeOutcome.ResponseTooLarge(declared));
      refuseOversized(exchange, MAX_RESPONSE_BYTES);
      return;
    }
    acknowledge(exchange, protocol.completed(requestId, new RuntimeOutcome.Response(body)));
  }

  private void invocationError(HttpExchange exchange, String requestId) throws IOException {
    String errorType = errorTypeHeader(exchange);
    byte[] body = PayloadReader.readAtMost(exchange.getRequestBody(), MAX_ERROR_BYTES);
    if (body == null) {
      protocol.completed(requestId, new RuntimeOutcome.FunctionError(errorType, oversizedError(errorType)));
      refuseOversized(exchange, MAX_ERROR_BYTES);
      return;
    }
    acknowledge(exchange, protocol.completed(requestId, new RuntimeOutcome.FunctionError(errorType, body)));
  }

  private void initError(HttpExchange exchange) throws IOException {
    String errorType = errorTypeHeader(exchange);
    byte[] body = PayloadReader.readAtMost(exchange.getRequestBody(), MAX_ERROR_BYTES);
    if (body == null) {
      protocol.initFailed(errorType, oversizedError(errorType));
      refuseOversized(exchange, MAX_ERROR_BYTES);
      return;
    }
    protocol.initFailed(errorType, body);
    send(exchange, 202, "{\"status\":\"OK\"}");
  }

  /** What the caller sees in place of an error document too large to keep: its type, and why its message is gone. */
  private static byte[] oversizedError(String errorType) {
    return ErrorDocuments.of(errorType, "The runtime's error document was over " + MAX_ERROR_BYTES
        + " bytes; Lambdaloom kept only its type");
  }

  private static void refuseOversized(HttpExchange exchange, long limit) throws IOException {
    exchange.getResponseHeaders().set("Connection", "close"); // the rest of the body stays unread
    send(exchange, 413, runtimeError("RequestEntityTooLarge", "Exceeded maximum allowed payload size (" + limit
        + " bytes)."));
  }

  private static void acknowledge(HttpExchange exchange, boolean accepted) throws IOException {
    if (accepted) {
      send(exchange, 202, "{\"status\":\"OK\"}");
    } else {
      send(exchange, 400, runtimeError("InvalidRequestID", "Invalid request ID"));
    }
  }

  /** The Runtime API's own error document: Lambda's {errorMessage, errorType}. */
  private static String runtimeError(String errorType, String message) {
    return new String(ErrorDocuments.of(errorType, message), StandardCharsets.UTF_8);
  }

  private static String errorTypeHeader(HttpExchange exchange) {
    String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
    return type == null || type.isBlank() ? "Unhandled" : type;
  }

  private static long declaredLength(HttpExchange exchange) {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    try {
      return length == null ? MAX_RESPONSE_BYTES + 1 : Long.parseLong(length);
    } catch (NumberFormatException e) {
      return MAX_RESPONSE_BYTES + 1;
    }
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
