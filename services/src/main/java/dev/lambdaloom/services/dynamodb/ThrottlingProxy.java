package dev.lambdaloom.services.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.lambdaloom.loopback.LoopbackHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An HTTP proxy on loopback in front of a DynamoDB endpoint that turns some requests away the way DynamoDB does under
 * load: a real server in the path, not a mock. For the chosen operations, every {@code everyNth} request is answered
 * 400 with ProvisionedThroughputExceededException, RequestLimitExceeded or ThrottlingException in turn, without
 * reaching DynamoDB. With {@code partialBatches}, another request in every {@code everyNth} of BatchWriteItem and
 * BatchExecuteStatement goes through only in part: the held-back half comes back as UnprocessedItems, or as
 * per-statement ProvisionedThroughputExceeded errors. Everything else is passed through unchanged.
 */
public final class ThrottlingProxy implements AutoCloseable {
  /** What to turn away. */
  public record Faults(Set<String> operations, int everyNth, boolean partialBatches) {
    public Faults {
      operations = Set.copyOf(operations);
      if (everyNth < 2) throw new IllegalArgumentException("everyNth < 2: " + everyNth);
    }
  }

  private static final String TARGET_PREFIX = "DynamoDB_20120810.";
  private static final List<String> THROTTLES = List.of(
      "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
      "com.amazonaws.dynamodb.v20120810#RequestLimitExceeded",
      "com.amazon.coral.availability#ThrottlingException");
  private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect", "upgrade");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI target;
  private final Faults faults;
  private final LoopbackHttpServer server;
  private final HttpClient http;
  private final Map<String, AtomicLong> seen = new ConcurrentHashMap<>();
  private final LongAdder throttled = new LongAdder();
  private final LongAdder heldBack = new LongAdder();

  private ThrottlingProxy(URI target, Faults faults) throws IOException {
    this.target = target;
    this.faults = faults;
    this.server = LoopbackHttpServer.start(0, 0, Map.of("/", this::handle));
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(server.executor()).build();
  }

  /** Starts a proxy for {@code target} (e.g. {@link DynamoDbLocal#endpoint()}) on a free loopback port. */
  public static ThrottlingProxy start(URI target, Faults faults) throws IOException {
    return new ThrottlingProxy(target, faults);
  }

  public URI endpoint() {
    return URI.create(server.baseUrl());
  }

  /** Requests answered with a throttling error. */
  public long throttled() {
    return throttled.sum();
  }

  /** Items or statements held back from partly forwarded batches. */
  public long heldBack() {
    return heldBack.sum();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String targetHeader = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String operation = targetHeader != null && targetHeader.startsWith(TARGET_PREFIX)
          ? targetHeader.substring(TARGET_PREFIX.length()) : "";
      long n = faults.operations().contains(operation)
          ? seen.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet() : 0;
      if (n > 0 && n % faults.everyNth() == 0) {
        throttle(exchange, n);
      } else if (n > 0 && faults.partialBatches() && n % faults.everyNth() == faults.everyNth() / 2
          && operation.equals("BatchWriteItem")) {
        partialBatchWrite(exchange, body);
      } else if (n > 0 && faults.partialBatches() && n % faults.everyNth() == faults.everyNth() / 2
          && operation.equals("BatchExecuteStatement")) {
        partialStatements(exchange, body);
      } else {
        HttpResponse<byte[]> response = forward(exchange, body);
        reply(exchange, response, response.body(), true);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void throttle(HttpExchange exchange, long n) throws IOException {
    throttled.increment();
    String type = THROTTLES.get((int) ((n / faults.everyNth()) % THROTTLES.size()));
    byte[] body = ("{\"__type\":\"" + type + "\",\"message\":\"The level of configured provisioned throughput for "
        + "the table was exceeded (injected by Lambdaloom's ThrottlingProxy)\"}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
    exchange.getResponseHeaders().set("x-amzn-RequestId", "throttled-" + n);
    exchange.sendResponseHeaders(400, body.length);
    exchange.getResponseBody().write(body);
  }

  /** Forwards the first half of each table's requests; the rest comes back as UnprocessedItems. */
  private void partialBatchWrite(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
    ObjectNode request = (ObjectNode) JSON.readTree(body);
    ObjectNode forwarded = JSON.createObjectNode();
    ObjectNode unprocessed = JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> tables = request.get("RequestItems").properties().iterator(); tables.hasNext(); ) {
      Map.Entry<String, JsonNode> table = tables.next();
      ArrayNode writes = (ArrayNode) table.getValue();
      int keep = Math.max(1, writes.size() / 2);
      ArrayNode sent = forwarded.putArray(table.getKey());
      ArrayNode held = JSON.createArrayNode();
      for (int i = 0; i < writes.size(); i++) (i < keep ? sent : held).add(writes.get(i));
      if (!held.isEmpty()) unprocessed.set(table.getKey(), held);
      heldBack.add(held.size());
    }
    request.set("RequestItems", forwarded);
    HttpResponse<byte[]> response = forward(exchange, JSON.writeValueAsBytes(request));
    if (response.statusCode() != 200) {
      reply(exchange, response, response.body(), true);
      return;
    }
    ObjectNode answer = (ObjectNode) JSON.readTree(response.body());
    ObjectNode merged = answer.has("UnprocessedItems") ? (ObjectNode) answer.get("UnprocessedItems") : answer.putObject("UnprocessedItems");
    unprocessed.properties().forEach(e -> {
      ArrayNode list = merged.has(e.getKey()) ? (ArrayNode) merged.get(e.getKey()) : merged.putArray(e.getKey());
      list.addAll((ArrayNode) e.getValue());
    });
    reply(exchange, response, JSON.writeValueAsBytes(answer), false);
  }

  /** Forwards every other statement; the held-back ones come back with a per-statement throttling error. */
  private void partialStatements(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
    ObjectNode request = (ObjectNode) JSON.readTree(body);
    ArrayNode statements = (ArrayNode) request.get("Statements");
    ArrayNode sent = JSON.createArrayNode();
    List<Integer> sentAt = new ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      if (i % 2 == 0) {
        sent.add(statements.get(i));
        sentAt.add(i);
      }
    }
    request.set("Statements", sent);
    HttpResponse<byte[]> response = forward(exchange, JSON.writeValueAsBytes(request));
    if (response.statusCode() != 200) {
      reply(exchange, response, response.body(), true);
      return;
    }
    ArrayNode answered = (ArrayNode) JSON.readTree(response.body()).get("Responses");
    ArrayNode responses = JSON.createArrayNode();
    int next = 0;
    for (int i = 0; i < statements.size(); i++) {
      if (next < sentAt.size() && sentAt.get(next) == i) {
        responses.add(answered.get(next++));
      } else {
        heldBack.increment();
        ObjectNode error = responses.addObject().putObject("Error");
        error.put("Code", "ProvisionedThroughputExceeded");
        error.put("Message", "Throughput exceeded (injected by Lambdaloom's ThrottlingProxy)");
      }
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.set("Responses", responses);
    reply(exchange, response, JSON.writeValueAsBytes(answer), false);
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) values.forEach(v -> request.header(name, v));
    });
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Sends {@code body} with the upstream status and headers; a changed body loses its (now wrong) CRC32 header. */
  private static void reply(HttpExchange exchange, HttpResponse<?> upstream, byte[] body, boolean unchanged)
      throws IOException {
    upstream.headers().map().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("content-length") || lower.equals("transfer-encoding") || lower.equals("connection")
          || lower.equals("date") || lower.startsWith(":") || (!unchanged && lower.equals("x-amz-crc32"))) {
        return;
      }
      exchange.getResponseHeaders().put(name, values);
    });
    exchange.sendResponseHeaders(upstream.statusCode(), body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    http.close();
    server.close();
  }
}
