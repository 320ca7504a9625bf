package dev.lambdaloom.emulator.apigateway;

import com.sun.net.httpserver.HttpExchange;
import dev.lambdaloom.loopback.LoopbackHttpServer;
import dev.lambdaloom.loopback.LoopbackRequestGuard;
import dev.lambdaloom.loopback.RequestBodyDeadline;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LambdaServiceException;
import dev.lambdaloom.emulator.PayloadReader;
import dev.lambdaloom.emulator.PercentDecoding;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A local API Gateway HTTP API, like {@code sam local start-api} without Docker: it serves the
 * template's HttpApi routes on loopback and turns each request into a payload 2.0 event for the
 * emulator, so every request meets Lambda's lifecycle (cold starts, warm reuse, the concurrency
 * limit). What API Gateway says itself, it says the same way: 404 {@code {"message":"Not Found"}}
 * without a route, 500 {@code {"message":"Internal Server Error"}} when the function fails or
 * answers something unusable, 429 {@code {"message":"Too Many Requests"}} when Lambda throttles,
 * 413 over the payload limits, 503 {@code {"message":"Service Unavailable"}} after the 30-second
 * integration timeout, 400 {@code {"message":"Bad Request"}} for a path or query whose percent escapes do not decode.
 *
 * <p>Only the user's machine reaches it: a request whose Host or Origin is not the loopback (a web page in the user's
 * browser, through DNS rebinding or a cross-site request) is a 403 {@code {"message":"Forbidden"}} and never invokes
 * anything ({@link LoopbackRequestGuard}); a body that has not arrived within {@link GatewayLimits#bodyTimeout()} has
 * its connection closed ({@link RequestBodyDeadline}).
 *
 * <p>Each response carries {@code apigw-requestid} and, Lambdaloom's own, the Lambda request id in
 * {@value #LAMBDA_REQUEST_ID} so a client can find the invocation's REPORT line.
 */
public final class ApiGatewayServer implements AutoCloseable {
  /** Response header with the invocation's Lambda request id (not an AWS header). */
  public static final String LAMBDA_REQUEST_ID = "x-lambdaloom-lambda-request-id";
  /** HTTP APIs take at most 10 MB; Lambda's own 6 MB limit then applies to the event. */
  static final long MAX_REQUEST_BYTES = 10L * 1024 * 1024;
  /** API Gateway's longest integration timeout for HTTP APIs. */
  public static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);

  private final Emulator emulator;
  private final RouteTable routes;
  private final Consumer<String> accessLog;
  private final Duration integrationTimeout;
  private final LoopbackHttpServer server;

  private ApiGatewayServer(Emulator emulator, RouteTable routes, int port, Consumer<String> accessLog,
      GatewayLimits limits) throws IOException {
    this.emulator = emulator;
    this.routes = routes;
    this.accessLog = accessLog;
    this.integrationTimeout = limits.integrationTimeout();
    this.server = LoopbackHttpServer.start(port, 1024, Map.of("/", this::handle), List.of(
        new RequestBodyDeadline(limits.bodyTimeout()),
        new LoopbackRequestGuard(this::forbidden)));
  }

  /** Serves the HttpApi routes of the emulator's functions on 127.0.0.1:{@code port} (0: a free port). */
  public static ApiGatewayServer start(Emulator emulator, int port) throws IOException {
    return start(emulator, RouteTable.of(emulator.functions()), port, line -> {}, INTEGRATION_TIMEOUT);
  }

  /**
   * @param accessLog receives one line per request (method, path, route, status, time)
   * @param integrationTimeout API Gateway's wait for the function; 30 s on AWS
   */
  public static ApiGatewayServer start(Emulator emulator, RouteTable routes, int port, Consumer<String> accessLog,
      Duration integrationTimeout) throws IOException {
    return start(emulator, routes, port, accessLog, GatewayLimits.defaults().withIntegrationTimeout(integrationTimeout));
  }

  /** @param accessLog receives one line per request (method, path, route, status, time) */
  public static ApiGatewayServer start(Emulator emulator, RouteTable routes, int port, Consumer<String> accessLog,
      GatewayLimits limits) throws IOException {
    return new ApiGatewayServer(emulator, routes, port, accessLog, limits);
  }

  public int port() {
    return server.port();
  }

  /** http://127.0.0.1:port */
  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  public RouteTable routes() {
    return routes;
  }

  private void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    String requestId = requestId();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String rawPath = exchange.getRequestURI().getRawPath();
    String route = "-";
    GatewayResponse response;
    String lambdaRequestId = null;
    try (exchange) {
      byte[] body = PayloadReader.readAtMost(exchange.getRequestBody(), MAX_REQUEST_BYTES);
      String query = exchange.getRequestURI().getRawQuery();
      String undecodable = undecodable(rawPath, query);
      Optional<RouteTable.Match> match = body == null || undecodable != null ? Optional.empty()
          : routes.match(method, rawPath);
      if (body == null) {
        exchange.getResponseHeaders().set("Connection", "close"); // the rest of the body is still unread
        response = GatewayResponse.message(413, "Request Entity Too Large");
      } else if (undecodable != null) {
        route = undecodable;
        response = GatewayResponse.message(400, "Bad Request");
      } else if (match.isEmpty()) {
        response = GatewayResponse.message(404, "Not Found");
      } else {
        route = match.get().route().routeKey();
        GatewayRequest request = new GatewayRequest(method, rawPath, query == null ? "" : query,
            exchange.getRequestHeaders(), body, exchange.getRemoteAddress().getAddress().getHostAddress());
        byte[] event = PayloadV2.event(request, match.get(), requestId, emulator.settings().accountId(), Instant.now());
        Outcome outcome = invoke(match.get().route().function(), event);
        response = outcome.response();
        lambdaRequestId = outcome.lambdaRequestId();
      }
      send(exchange, method, response, requestId, lambdaRequestId);
    } catch (IOException e) {
      response = null; // the client went away
    }
    accessLog.accept(String.format(Locale.ROOT, "%s %s -> %s %s %.2f ms", method, rawPath, route,
        response == null ? "aborted" : Integer.toString(response.status()), (System.nanoTime() - start) / 1e6));
  }

  /** Why the path or query cannot be decoded, for the access log; null when both can. */
  private static String undecodable(String rawPath, String rawQuery) {
    try {
      PercentDecoding.check(rawPath);
      if (rawQuery != null) {
        PercentDecoding.queryPart(rawQuery);
      }
      return null;
    } catch (PercentDecoding.MalformedEscapeException e) {
      return e.getMessage();
    }
  }

  /** API Gateway's answer to a request it does not authorize. */
  private void forbidden(HttpExchange exchange, String reason) throws IOException {
    accessLog.accept(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " -> refused: " + reason);
    send(exchange, exchange.getRequestMethod(), GatewayResponse.message(403, "Forbidden"), requestId(), null);
  }

  private record Outcome(GatewayResponse response, String lambdaRequestId) {}

  private Outcome invoke(String function, byte[] event) {
    Future<InvokeResult> call = server.executor().submit(() -> emulator.invoke(function, event));
    InvokeResult result;
    try {
      result = call.get(integrationTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return new Outcome(GatewayResponse.message(503, "Service Unavailable"), null); // the invocation runs on
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(GatewayResponse.message(503, "Service Unavailable"), null);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof LambdaServiceException refused) {
        return new Outcome(switch (refused.httpStatus()) {
          case 429 -> GatewayResponse.message(429, "Too Many Requests");
          case 413 -> GatewayResponse.message(413, "Request Entity Too Large");
          default -> GatewayResponse.message(500, "Internal Server Error");
        }, null);
      }
      return new Outcome(GatewayResponse.message(500, "Internal Server Error"), null);
    }
    if (result.failed()) {
      return new Outcome(GatewayResponse.message(500, "Internal Server Error"), result.requestId());
    }
    try {
      return new Outcome(PayloadV2.response(result.payload()), result.requestId());
    } catch (PayloadV2.MalformedResponseException e) {
      return new Outcome(GatewayResponse.message(500, "Internal Server Error"), result.requestId());
    }
  }

  private static void send(HttpExchange exchange, String method, GatewayResponse response, String requestId,
      String lambdaRequestId) throws IOException {
    var headers = exchange.getResponseHeaders();
    response.headers().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")) {
        headers.put(name, List.copyOf(values));
      }
    });
    headers.set("apigw-requestid", requestId);
    if (lambdaRequestId != null) {
      headers.set(LAMBDA_REQUEST_ID, lambdaRequestId);
    }
    int status = response.status();
    boolean noBody = method.equals("HEAD") || status == 204 || status == 304 || response.body().length == 0;
    exchange.sendResponseHeaders(status, noBody ? -1 : response.body().length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
  }

  /** Like API Gateway's: 16 characters of base64. */
  private static String requestId() {
    byte[] random = new byte[12];
    ThreadLocalRandom.current().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** The routes in words, one a line: {@code GET /tourists/{id} -> TouristFunction}. */
  public List<String> describeRoutes() {
    Map<String, String> lines = new LinkedHashMap<>();
    routes.routes().forEach(r -> lines.put(r.routeKey(), r.function()));
    return lines.entrySet().stream().map(e -> String.format(Locale.ROOT, "%-32s -> %s", e.getKey(), e.getValue())).toList();
  }

  @Override
  public void close() {
    server.close();
  }
}
