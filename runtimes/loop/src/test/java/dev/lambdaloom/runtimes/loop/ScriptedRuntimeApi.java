package dev.lambdaloom.runtimes.loop;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A Runtime API on loopback that plays a script, for the replies Lambda documents but the emulator only gives in
 * rare states (a 500 container error, a 413 on a response, an error on {@code next}): events to hand out in order,
 * then a 500 on {@code next} that ends the loop; the status to give each posted result; every post, recorded.
 */
final class ScriptedRuntimeApi implements AutoCloseable {
  /** One POST the runtime made. */
  record Post(String path, String errorType, String body) {}

  private final HttpServer server;
  private final Deque<String> events = new ArrayDeque<>();
  private final Deque<Integer> resultStatuses = new ArrayDeque<>();
  private final List<Post> posts = new ArrayList<>();
  private final List<String> deliveredIds = new ArrayList<>();
  private int delivered;

  ScriptedRuntimeApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/2018-06-01/runtime/", this::handle);
    server.start();
  }

  /** Queues an event; each gets request id r1, r2, ... */
  ScriptedRuntimeApi event(String json) {
    synchronized (this) {
      events.add(json);
    }
    return this;
  }

  /** The status the next posted result gets (202 when none is queued). */
  ScriptedRuntimeApi replyToResult(int status) {
    synchronized (this) {
      resultStatuses.add(status);
    }
    return this;
  }

  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized List<Post> posts() {
    return List.copyOf(posts);
  }

  synchronized List<String> deliveredIds() {
    return List.copyOf(deliveredIds);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (path.endsWith("/invocation/next")) {
        next(exchange);
        return;
      }
      int status;
      synchronized (this) {
        posts.add(new Post(path, exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"),
            new String(body, StandardCharsets.UTF_8)));
        status = path.endsWith("/init/error") || resultStatuses.isEmpty() ? 202 : resultStatuses.poll();
      }
      send(exchange, status, status == 202 ? "{\"status\":\"OK\"}" : "{\"errorType\":\"Scripted\"}");
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    String event;
    String id;
    synchronized (this) {
      event = events.poll();
      id = "r" + (++delivered);
      if (event != null) {
        deliveredIds.add(id);
      }
    }
    if (event == null) {
      send(exchange, 500, "{\"errorType\":\"Runtime.Scripted\",\"errorMessage\":\"the script is over\"}");
      return;
    }
    Headers headers = exchange.getResponseHeaders();
    headers.set("Lambda-Runtime-Aws-Request-Id", id);
    headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
    headers.set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:Scripted");
    headers.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000001;Sampled=0");
    send(exchange, 200, event);
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
