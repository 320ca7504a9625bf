package dev.lambdaloom.emulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.lambdaloom.loopback.LoopbackHttpServer;
import dev.lambdaloom.loopback.LoopbackRequestGuard;
import dev.lambdaloom.loopback.RequestBodyDeadline;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LambdaServiceException;
import dev.lambdaloom.emulator.PayloadReader;
import dev.lambdaloom.emulator.events.EventSourceMapping;
import dev.lambdaloom.emulator.events.InvocationCause;
import dev.lambdaloom.emulator.trace.LedgerJson;
import dev.lambdaloom.emulator.template.FunctionConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Lambda's Invoke REST API on loopback ({@code POST /2015-03-31/functions/{name}/invocations}),
 * plus GetFunction and ListFunctions, so that the AWS CLI and SDKs with an endpoint override talk to
 * the emulator as they would to Lambda.
 *
 * <p>Only the user's own tools reach it: a request whose Host or Origin is not the loopback (a web page in the user's
 * browser) is a 403 AccessDeniedException ({@link LoopbackRequestGuard}); a body that has not arrived within the body
 * timeout has its connection closed ({@link RequestBodyDeadline}). GetFunction and ListFunctions mask secret-looking
 * environment values ({@link SecretVariables}). A failure of the emulator itself is a 500 ServiceException, logged
 * with its stack trace to the {@code System.Logger} named after this class.
 *
 * <p>An Invoke call's {@code X-Amzn-Trace-Id} is the invocation's trace context, as on Lambda. Beyond Lambda's API,
 * {@code GET /2015-03-31/lambdaloom/invocations} lists the invocations the emulator ran, with their causes
 * ({@link LedgerJson}): what {@code lambdaloom trace} reads.
 */
public final class InvokeApiServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(InvokeApiServer.class.getName());
  private static final String FUNCTIONS = InvokeApiPath.FUNCTIONS;
  /** The invocation ledger, Lambdaloom's own: no Lambda API lists invocations. */
  public static final String INVOCATIONS = "/2015-03-31/lambdaloom/invocations";
  private static final int TAIL_BYTES = 4096;
  private static final Duration TAIL_WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Emulator emulator;
  private final EventSourceMappingApi mappingApi;
  private final LoopbackHttpServer server;

  private InvokeApiServer(Emulator emulator, int port, Duration bodyTimeout,
      Supplier<List<EventSourceMapping>> mappings) throws IOException {
    this.emulator = emulator;
    this.mappingApi = new EventSourceMappingApi(mappings, this::functionArn);
    this.server = LoopbackHttpServer.start(port, 256, Map.of(FUNCTIONS, this::handle,
        EventSourceMappingApi.PATH, this::handleMappings, INVOCATIONS, this::handleInvocations), List.of(
        new RequestBodyDeadline(bodyTimeout),
        new LoopbackRequestGuard((exchange, reason) -> sendError(exchange, 403, "AccessDeniedException", reason, null))));
  }

  /** Starts serving on 127.0.0.1:{@code port}; 0 picks a free port. */
  public static InvokeApiServer start(Emulator emulator, int port) throws IOException {
    return start(emulator, port, RequestBodyDeadline.DEFAULT_TIMEOUT);
  }

  /** @param bodyTimeout how long a request's body may take to arrive, from the start of the request */
  public static InvokeApiServer start(Emulator emulator, int port, Duration bodyTimeout) throws IOException {
    return new InvokeApiServer(emulator, port, bodyTimeout, List::of);
  }

  /**
   * @param mappings the event source mappings running beside the emulator (ListEventSourceMappings shows them), read
   *     at each request: they may start after the server
   */
  public static InvokeApiServer start(Emulator emulator, int port, Duration bodyTimeout,
      Supplier<List<EventSourceMapping>> mappings) throws IOException {
    return new InvokeApiServer(emulator, port, bodyTimeout, mappings);
  }

  private String functionArn(String name) {
    return "arn:aws:lambda:" + emulator.settings().region() + ":" + emulator.settings().accountId() + ":function:"
        + name;
  }

  private void handleMappings(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        sendJson(exchange, 200, mappingApi.get(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery()));
      } catch (ApiError e) {
        sendError(exchange, e.status, e.type, e.getMessage(), null);
      }
    }
  }

  private void handleInvocations(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getRawPath().equals(INVOCATIONS)) {
        sendError(exchange, 400, "InvalidParameterValueException", "only GET " + INVOCATIONS + " is served here",
            null);
        return;
      }
      sendJson(exchange, 200, LedgerJson.of(emulator.ledger().snapshot(), emulator.functions()));
    }
  }

  public int port() {
    return server.port();
  }

  /** The endpoint to give an SDK client's endpointOverride or the AWS CLI's --endpoint-url. */
  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String rawPath = exchange.getRequestURI().getRawPath();
      try {
        switch (InvokeApiPath.parse(method, rawPath)) {
          case ApiOperation.ListFunctions list -> listFunctions(exchange);
          case ApiOperation.GetFunction get -> getFunction(exchange, get.function());
          case ApiOperation.Invoke invoke -> invoke(exchange, invoke.function());
        }
      } catch (LambdaServiceException e) {
        if (e.httpStatus() == 500) {
          LOG.log(System.Logger.Level.ERROR, "Invoke API " + method + " " + rawPath + " failed", e);
        }
        sendError(exchange, e.httpStatus(), e.type(), e.getMessage(), e.reason());
      } catch (ApiError e) {
        sendError(exchange, e.status, e.type, e.getMessage(), null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        sendError(exchange, 503, "ServiceException", "the emulator is shutting down", null);
      } catch (RuntimeException e) {
        LambdaServiceException failure = LambdaServiceException.serviceError(
            "Lambdaloom failed on " + method + " " + rawPath + ": " + e, e);
        LOG.log(System.Logger.Level.ERROR, failure.getMessage(), failure);
        sendError(exchange, failure.httpStatus(), failure.type(), failure.getMessage(), null);
      }
    }
  }

  private void invoke(HttpExchange exchange, String function) throws IOException, InterruptedException {
    String type = header(exchange, "X-Amz-Invocation-Type", "RequestResponse");
    FunctionConfig config = emulator.function(function); // 404 before reading the body
    switch (type) {
      case "DryRun" -> {
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(204, -1);
      }
      case "Event" -> {
        byte[] payload = readBody(exchange, Emulator.MAX_ASYNC_PAYLOAD_BYTES);
        String requestId = emulator.invokeAsync(config.name(), payload, cause(exchange));
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.sendResponseHeaders(202, -1);
      }
      case "RequestResponse" -> {
        byte[] payload = readBody(exchange, Emulator.MAX_SYNC_PAYLOAD_BYTES);
        InvokeResult result = emulator.invoke(config.name(), payload, cause(exchange), clientContext(exchange));
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("x-amzn-RequestId", result.requestId());
        headers.set("X-Amz-Executed-Version", "$LATEST");
        if (result.functionError() != null) {
          headers.set("X-Amz-Function-Error", result.functionError());
        }
        if ("Tail".equals(header(exchange, "X-Amz-Log-Type", "None"))) {
          headers.set("X-Amz-Log-Result", tail(result));
        }
        send(exchange, 200, result.payload());
      }
      default -> throw new ApiError(400, "InvalidParameterValueException",
          "X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, not " + type);
    }
  }

  /** The base64 of the last 4 KB of the invocation's log, as Lambda returns with LogType Tail. */
  private static String tail(InvokeResult result) {
    byte[] log;
    try {
      log = result.log().get(TAIL_WAIT.toMillis(), TimeUnit.MILLISECONDS).text().getBytes(StandardCharsets.UTF_8);
    } catch (TimeoutException | InterruptedException | java.util.concurrent.ExecutionException | CompletionException e) {
      log = new byte[0];
    }
    byte[] last = log.length <= TAIL_BYTES ? log : Arrays.copyOfRange(log, log.length - TAIL_BYTES, log.length);
    return Base64.getEncoder().encodeToString(last);
  }

  /** An Invoke API call, with the caller's X-Amzn-Trace-Id when it sent one. */
  private static InvocationCause cause(HttpExchange exchange) {
    return new InvocationCause.InvokeApi(Optional.ofNullable(header(exchange, "X-Amzn-Trace-Id", null)));
  }

  private static String clientContext(HttpExchange exchange) {
    String encoded = exchange.getRequestHeaders().getFirst("X-Amz-Client-Context");
    if (encoded == null || encoded.isBlank()) {
      return null;
    }
    try {
      return new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "InvalidRequestContentException", "X-Amz-Client-Context is not valid base64", e);
    }
  }

  private void getFunction(HttpExchange exchange, String function) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.set("Configuration", configuration(emulator.function(function)));
    sendJson(exchange, 200, body);
  }

  private void listFunctions(HttpExchange exchange) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode functions = body.putArray("Functions");
    emulator.functions().forEach(f -> functions.add(configuration(f)));
    sendJson(exchange, 200, body);
  }

  private ObjectNode configuration(FunctionConfig f) {
    ObjectNode node = JSON.createObjectNode();
    node.put("FunctionName", f.name());
    node.put("FunctionArn", functionArn(f.name()));
    node.put("Runtime", f.runtime());
    if (f.handler() != null) {
      node.put("Handler", f.handler());
    }
    node.put("MemorySize", f.memoryMb());
    node.put("Timeout", f.timeout().toSeconds());
    node.put("Version", "$LATEST");
    node.put("PackageType", "Zip");
    node.put("State", "Active");
    node.putArray("Architectures").add(f.architecture());
    ObjectNode variables = node.putObject("Environment").putObject("Variables");
    SecretVariables.masked(f.environment()).forEach(variables::put);
    return node;
  }

  private static byte[] readBody(HttpExchange exchange, long limit) throws IOException {
    byte[] body = PayloadReader.readAtMost(exchange.getRequestBody(), limit);
    if (body == null) {
      exchange.getResponseHeaders().set("Connection", "close");
      throw new ApiError(413, "RequestEntityTooLargeException",
          "Request must be smaller than " + limit + " bytes for the InvokeFunction operation");
    }
    return body;
  }

  private static String header(HttpExchange exchange, String name, String fallback) {
    String value = exchange.getRequestHeaders().getFirst(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static void sendError(HttpExchange exchange, int status, String type, String message, String reason)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("Type", status >= 500 ? "Service" : "User");
    body.put("message", message);
    if (reason != null) {
      body.put("Reason", reason);
    }
    exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    sendJson(exchange, status, body);
  }

  private static void sendJson(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    send(exchange, status, JSON.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
