package dev.lambdaloom.emulator;

import com.sun.net.httpserver.HttpExchange;
import dev.lambdaloom.loopback.LoopbackHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a local-only function's AWS calls go when no local service answers them: {@code AWS_ENDPOINT_URL}, the
 * SDKs' and the AWS CLI's global endpoint override, points here. Every request is refused with HTTP
 * {@value #STATUS} and the error code {@value #ERROR_CODE}, in the caller's protocol (see {@link ErrorProtocol}),
 * with a message that names the service and the ways out; nothing is forwarded. 403 because the SDKs retry 5xx,
 * 429 and throttling codes, and would only retry a 403 of a clock-skew code or with a skewed Date: a refusal costs
 * one request. Each refusal is recorded and logged under the function that made it ({@link #endpointFor} gives
 * each function a path of its own).
 */
public final class LocalOnlyGuard implements AutoCloseable {
  public static final String ERROR_CODE = "LocalOnlyAccessDenied";
  public static final int STATUS = 403;
  /** A request body is read up to this much, then the connection is left to close: nothing keeps it anyway. */
  private static final int DRAIN_BYTES = 1 << 20;
  /** Enough of a query-protocol form to find its Action. */
  private static final int FORM_BYTES = 4096;
  private static final String PREFIX = "/local-only/";
  /** SigV4 (region/service) and SigV4a (service only) credential scopes: the service is before aws4_request. */
  private static final Pattern SCOPE = Pattern.compile("Credential=[^,\\s]*?/([^/,\\s]+)/aws4_request");

  /** One refused call: the function (from its endpoint's path), the service (SigV4 signing name), the operation. */
  public record Refusal(String function, String service, String operation) {}

  private final LoopbackHttpServer server;
  private final LogSink sink;
  private final List<Refusal> refusals = new CopyOnWriteArrayList<>();

  private LocalOnlyGuard(LogSink sink) throws IOException {
    this.sink = sink;
    this.server = LoopbackHttpServer.start(0, 64, Map.of("/", this::refuse));
  }

  /** Starts on a free port of 127.0.0.1; refusals are logged to {@code sink}. */
  public static LocalOnlyGuard start(LogSink sink) {
    try {
      return new LocalOnlyGuard(sink);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local-only guard on 127.0.0.1", e);
    }
  }

  /** The AWS_ENDPOINT_URL a function gets: this server, with the function's name in the path. */
  public String endpointFor(String function) {
    return server.baseUrl() + PREFIX + URLEncoder.encode(function, StandardCharsets.UTF_8);
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  /** Every refused call so far, in order. */
  public List<Refusal> refusals() {
    return List.copyOf(refusals);
  }

  /** Refused calls per service, e.g. {dynamodb=4}. */
  public Map<String, Long> refusedByService() {
    Map<String, Long> counts = new TreeMap<>();
    refusals.forEach(r -> counts.merge(r.service(), 1L, Long::sum));
    return counts;
  }

  private void refuse(HttpExchange exchange) throws IOException {
    try (exchange) {
      var headers = exchange.getRequestHeaders();
      String form = formBody(exchange.getRequestBody(), headers.getFirst("Content-Type"));
      String service = service(headers.getFirst("Authorization"), exchange.getRequestURI().getRawQuery(),
          headers.getFirst("X-Amz-Target"));
      String operation = operation(exchange, headers.getFirst("X-Amz-Target"), form);
      String function = function(exchange.getRequestURI().getRawPath());
      Refusal refusal = new Refusal(function, service, operation);
      refusals.add(refusal);
      String message = message(refusal);
      sink.accept(function == null ? "lambdaloom" : function, List.of("LOCAL-ONLY refused " + service + " "
          + operation + ": HTTP " + STATUS + " " + ERROR_CODE + ", nothing was sent to AWS (--aws to reach it)"));

      String contentType = headers.getFirst("Content-Type");
      ErrorProtocol protocol = ErrorProtocol.of(service, contentType, headers.getFirst("X-Amz-Target"));
      String requestId = UUID.randomUUID().toString();
      var answer = exchange.getResponseHeaders();
      answer.set("Content-Type", protocol.contentType(contentType));
      answer.set("x-amzn-ErrorType", ERROR_CODE);
      answer.set("x-amzn-RequestId", requestId);
      answer.set("x-amz-request-id", requestId);
      answer.set("Connection", "close");
      if (exchange.getRequestMethod().equals("HEAD")) {
        exchange.sendResponseHeaders(STATUS, -1); // a HEAD answer has no body: S3's clients read the status
        return;
      }
      byte[] body = protocol.body(ERROR_CODE, message, requestId);
      exchange.sendResponseHeaders(STATUS, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static String message(Refusal refusal) {
    return "Lambdaloom kept this call on this machine: " + (refusal.function() == null ? "a function" : refusal.function())
        + " called AWS service " + refusal.service() + " (" + refusal.operation() + "), and the emulator runs functions"
        + " local only, with no local " + refusal.service() + " configured. To stay local, run the service here"
        + " (./lambdaloom services) and give the function " + ServiceEndpointVariable.of(refusal.service())
        + " (--env-vars); to call real AWS with your shell's credentials, add --aws.";
  }

  /** Reads the body (up to a limit, so the client is not cut off mid-send); returns it if it is a query form. */
  private static String formBody(InputStream body, String contentType) throws IOException {
    byte[] head = body.readNBytes(FORM_BYTES);
    byte[] buffer = new byte[8192];
    long left = DRAIN_BYTES;
    int n;
    while (left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
      left -= n;
    }
    boolean form = contentType != null && contentType.contains("x-www-form-urlencoded");
    return form ? new String(head, StandardCharsets.UTF_8) : "";
  }

  /** From the signature's credential scope (header or presigned query), else the target's prefix. */
  private static String service(String authorization, String rawQuery, String target) {
    for (String text : new String[] {authorization, rawQuery == null ? null : URLDecoder.decode(rawQuery,
        StandardCharsets.UTF_8).replace("X-Amz-Credential=", "Credential=")}) {
      if (text != null) {
        Matcher scope = SCOPE.matcher(text);
        if (scope.find()) {
          return scope.group(1);
        }
      }
    }
    if (target != null && target.startsWith("DynamoDB")) {
      return "dynamodb";
    }
    return "unknown";
  }

  private static String operation(HttpExchange exchange, String target, String form) {
    if (target != null) {
      return target;
    }
    String query = exchange.getRequestURI().getRawQuery();
    for (String fields : new String[] {form, query == null ? "" : query}) {
      for (String pair : fields.split("&")) {
        if (pair.startsWith("Action=")) {
          return pair.substring("Action=".length());
        }
      }
    }
    String path = exchange.getRequestURI().getRawPath();
    if (path.startsWith(PREFIX)) {
      int slash = path.indexOf('/', PREFIX.length());
      path = slash < 0 ? "/" : path.substring(slash);
    }
    return exchange.getRequestMethod() + " " + path;
  }

  private static String function(String rawPath) {
    if (!rawPath.startsWith(PREFIX)) {
      return null;
    }
    int end = rawPath.indexOf('/', PREFIX.length());
    String name = rawPath.substring(PREFIX.length(), end < 0 ? rawPath.length() : end);
    return name.isEmpty() ? null : URLDecoder.decode(name, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.close();
  }
}
