package dev.lambdaloom.services.iot;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /devices/{device}/readings/{seq}}: counts the attempt, waits the latency, then serves
 * the reading's fault for this attempt or its document, and books what it served.
 */
final class ReadingsEndpoint implements HttpHandler {
  static final String PREFIX = "/devices/";
  private static final String READINGS = "/readings/";

  private final IotApiSimulator.Options options;
  private final Planner planner;
  private final DocumentRenderer renderer;
  private final LedgerBook book;

  ReadingsEndpoint(IotApiSimulator.Options options, Planner planner, DocumentRenderer renderer, LedgerBook book) {
    this.options = options;
    this.planner = planner;
    this.renderer = renderer;
    this.book = book;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        sendJson(exchange, 405, "{\"message\": \"Method Not Allowed\"}");
        return;
      }
      ReadingId id = parse(exchange.getRequestURI().getRawPath());
      if (id == null) {
        sendJson(exchange, 404, "{\"message\": \"Not Found: use /devices/{device}/readings/{seq}\"}");
        return;
      }
      Plan plan = planner.plan(id);
      LedgerBook.Account account = book.account(id);
      int attempt = account.nextAttempt();
      long delay = planner.delayMillis(id, attempt);
      if (delay > 0) {
        Thread.sleep(delay);
      }
      if (plan.faults(attempt)) {
        fault(exchange, plan, account);
      } else {
        DocumentRenderer.Rendered document = renderer.render(plan);
        exchange.getResponseHeaders().set("Content-Type", document.contentType());
        exchange.sendResponseHeaders(200, document.body().length);
        deliver(exchange.getResponseBody(), document, 0, account);
      }
    } catch (IOException | InterruptedException clientGoneOrClosing) {
      // Nothing to answer: the client went away or the simulator is closing.
    }
  }

  private void fault(HttpExchange exchange, Plan plan, LedgerBook.Account account)
      throws IOException, InterruptedException {
    account.faulted(plan.fault());
    switch (plan.fault()) {
      case HTTP_500 -> sendJson(exchange, 500, "{\"message\": \"Internal Server Error\"}");
      case HTTP_503_RETRY_AFTER -> {
        retryAfter(exchange);
        sendJson(exchange, 503, "{\"message\": \"Service Unavailable\"}");
      }
      case HTTP_503 -> sendJson(exchange, 503, "{\"message\": \"Service Unavailable\"}");
      case HTTP_429 -> {
        retryAfter(exchange);
        sendJson(exchange, 429, "{\"message\": \"Too Many Requests\"}");
      }
      case DROPPED_CONNECTION -> {
        byte[] body = renderer.render(plan).body();
        exchange.getResponseHeaders().set("Content-Type", DocumentRenderer.JSON);
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, Math.max(1, body.length / 2));
        out.flush();
        // Closing with bytes still owed makes the JDK server close the connection.
        exchange.close();
      }
      case SLOW_BODY -> {
        DocumentRenderer.Rendered document = renderer.render(plan);
        byte[] body = document.body();
        exchange.getResponseHeaders().set("Content-Type", document.contentType());
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        int chunk = options.slowChunkBytes();
        int offset = 0;
        for (; body.length - offset > chunk; offset += chunk) {
          out.write(body, offset, chunk);
          out.flush();
          Thread.sleep(options.slowPause());
        }
        deliver(out, document, offset, account);
      }
    }
  }

  /**
   * Writes the rest of the body from {@code offset} and closes it. The document is booked just
   * before, so a client holding the whole document finds it in the ledger; a failed write takes it
   * back.
   */
  private static void deliver(OutputStream out, DocumentRenderer.Rendered document, int offset,
      LedgerBook.Account account) throws IOException {
    account.served(document.document());
    try (out) {
      out.write(document.body(), offset, document.body().length - offset);
    } catch (IOException e) {
      account.undelivered();
      throw e;
    }
  }

  private void retryAfter(HttpExchange exchange) {
    exchange.getResponseHeaders().set("Retry-After", Integer.toString(options.retryAfterSeconds()));
  }

  /** The reading in {@code /devices/{device}/readings/{seq}}; null when the path is not one. */
  static ReadingId parse(String rawPath) {
    if (!rawPath.startsWith(PREFIX)) {
      return null;
    }
    int readings = rawPath.indexOf(READINGS, PREFIX.length());
    if (readings <= PREFIX.length()) {
      return null;
    }
    String rawDevice = rawPath.substring(PREFIX.length(), readings);
    String rawSeq = rawPath.substring(readings + READINGS.length());
    if (rawDevice.indexOf('/') >= 0 || rawSeq.isEmpty() || rawSeq.length() > 18 || !rawSeq.chars().allMatch(
        c -> c >= '0' && c <= '9')) {
      return null;
    }
    String device;
    try {
      device = URLDecoder.decode(rawDevice.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException badEscape) {
      return null;
    }
    if (device.isEmpty() || device.indexOf('/') >= 0) {
      return null;
    }
    return new ReadingId(device, Long.parseLong(rawSeq));
  }

  static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
    send(exchange, status, DocumentRenderer.JSON, json.getBytes(StandardCharsets.UTF_8));
  }

  static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
