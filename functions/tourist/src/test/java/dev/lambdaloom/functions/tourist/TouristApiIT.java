package dev.lambdaloom.functions.tourist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.apigateway.ApiGatewayServer;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.Report;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real deployment zip (target/tourist.zip) from the root template.yaml, in the emulator's child
 * JVMs behind the local API gateway, over a real PostgreSQL: what a user of start-api gets.
 */
class TouristApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Report> reports = new ConcurrentHashMap<>();
  private static final String CURSOR_KEY = java.util.Base64.getEncoder()
      .encodeToString("the deployment's cursor key, 32 bytes or more".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

  private static DeployedTourist tourist;

  @BeforeAll
  static void start() throws Exception {
    LogSink sink = (function, lines) -> {
      LogSink.printTo(System.out, true).accept(function, lines);
      lines.forEach(line -> Report.parse(line).ifPresent(r -> reports.put(r.requestId(), r)));
    };
    tourist = DeployedTourist.start("tourist-it", postgres -> {
      Map<String, String> environment = new java.util.LinkedHashMap<>(postgres.environment());
      environment.put("CURSOR_KEY", CURSOR_KEY);
      return environment;
    }, sink);
  }

  @AfterAll
  static void stop() {
    if (tourist != null) {
      tourist.close();
    }
  }

  private static HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    return tourist.send(method, path, body, headers);
  }

  private static JsonNode problem(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    return problem;
  }

  @Test
  void createReadListUpdateDeleteOverHttp() throws Exception {
    HttpResponse<String> created = send("POST", "/tourists",
        "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"nationality\":\"GB\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(created.headers().firstValue("ETag")).contains("\"1\"");

    HttpResponse<String> read = send("GET", location, null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(read.body()).get("name").asText()).isEqualTo("Ada Lovelace");

    HttpResponse<String> list = send("GET", "/tourists?limit=10", null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(list.body()).get("items").findValuesAsText("email")).contains("ada@example.com");

    HttpResponse<String> updated = send("PUT", location,
        "{\"name\":\"Ada King\",\"email\":\"ada@example.com\",\"nationality\":\"GB\"}", "If-Match", "\"1\"");
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(updated.headers().firstValue("ETag")).contains("\"2\"");
    problem(send("PUT", location, "{\"name\":\"Stale\",\"email\":\"ada@example.com\",\"nationality\":\"GB\"}",
        "If-Match", "\"1\""), 412);
    problem(send("POST", "/tourists", "{\"name\":\"Twin\",\"email\":\"ADA@example.com\",\"nationality\":\"GB\"}"), 409);

    assertThat(send("DELETE", location, null).statusCode()).isEqualTo(204);
    problem(send("GET", location, null), 404);
    problem(send("DELETE", location, null), 404);

    String requestId = read.headers().firstValue(ApiGatewayServer.LAMBDA_REQUEST_ID).orElseThrow();
    Report report = awaitReport(requestId);
    assertThat(report.coldStart()).isFalse(); // the POST before it started the container
    assertThat(report.maxMemoryUsedMb()).isPositive();
  }

  @Test
  void badInputIsA4xxProblemNever500() throws Exception {
    problem(send("POST", "/tourists", "{\"name\": "), 400);
    problem(send("POST", "/tourists", "{\"name\":1,\"email\":true,\"nationality\":null,\"extra\":0}"), 400);
    problem(send("POST", "/tourists", "{\"name\":\"" + "x".repeat(70_000) + "\"}"), 413);
    problem(send("POST", "/tourists", "name=Ada", "Content-Type", "application/x-www-form-urlencoded"), 415);
    problem(send("GET", "/tourists/not-a-uuid", null), 404);
    problem(send("GET", "/tourists/1%27%20OR%20%271%27%3D%271", null), 404);
    problem(send("GET", "/tourists?limit=1;DROP%20TABLE%20tourists", null), 400);
    problem(send("PATCH", "/tourists/" + java.util.UUID.randomUUID(), "{}"), 405);
    problem(send("GET", "/tourists?cursor=" + "A".repeat(55), null), 400);
    problem(send("GET", "/tourists?limit=%2B5", null), 400);
    problem(send("POST", "/tourists", "{\"name\":\"Ada\",\"email\":\"ada\\u200B@example.com\",\"nationality\":\"GB\"}"), 400);

    String name = "Robert'); DROP TABLE tourists;-- 山田 Ñandú";
    HttpResponse<String> literal = send("POST", "/tourists",
        "{\"name\":" + JSON.writeValueAsString(name) + ",\"email\":\"bobby@example.com\",\"nationality\":\"ES\"}");
    assertThat(literal.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(send("GET", literal.headers().firstValue("Location").orElseThrow(), null).body())
        .get("name").asText()).isEqualTo(name);

    HttpResponse<String> unrouted = send("GET", "/elsewhere", null);
    assertThat(unrouted.statusCode()).isEqualTo(404); // API Gateway's own: no route
    assertThat(unrouted.body()).isEqualTo("{\"message\":\"Not Found\"}");
  }

  @Test
  void pagesFollowTheirSignedCursorAndATamperedOneIs400() throws Exception {
    for (String name : List.of("Page", "Turner")) {
      assertThat(send("POST", "/tourists", "{\"name\":\"" + name + "\",\"email\":\"" + name.toLowerCase()
          + "@example.org\",\"nationality\":\"FR\"}").statusCode()).isEqualTo(201);
    }
    HttpResponse<String> first = send("GET", "/tourists?limit=1", null);
    String cursor = JSON.readTree(first.body()).get("nextCursor").asText();
    assertThat(first.headers().firstValue("Link")).contains("</tourists?limit=1&cursor=" + cursor + ">; rel=\"next\"");

    HttpResponse<String> second = send("GET", "/tourists?limit=1&cursor=" + cursor, null);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    assertThat(JSON.readTree(second.body()).get("items").get(0).get("id"))
        .isNotEqualTo(JSON.readTree(first.body()).get("items").get(0).get("id"));

    char last = cursor.charAt(10);
    String tampered = cursor.substring(0, 10) + (last == 'A' ? 'B' : 'A') + cursor.substring(11);
    JsonNode problem = problem(send("GET", "/tourists?limit=1&cursor=" + tampered, null), 400);
    assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("cursor");
  }

  @Test
  void whenPostgresIsDownItIs503AndTheSameWarmContainerRecovers() throws Exception {
    HttpResponse<String> created = send("POST", "/tourists",
        "{\"name\":\"Grace\",\"email\":\"grace@example.com\",\"nationality\":\"US\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(send("GET", location, null).statusCode()).isEqualTo(200);
    int coldStarts = tourist.emulator().coldStarts(DeployedTourist.FUNCTION);

    tourist.postgres().stop();
    try {
      HttpResponse<String> down = send("GET", location, null);
      JsonNode problem = problem(down, 503);
      assertThat(down.headers().firstValue("Retry-After")).contains("2");
      assertThat(problem.get("type").asText()).endsWith("/database-unavailable");
      problem(send("POST", "/tourists", "{\"name\":\"Nope\",\"email\":\"nope@example.com\",\"nationality\":\"US\"}"), 503);
    } finally {
      tourist.postgres().resume(); // the same password: the warm container's DB_PASSWORD works again
    }

    HttpResponse<String> back = send("GET", location, null);
    assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    assertThat(JSON.readTree(back.body()).get("name").asText()).isEqualTo("Grace");
    // Same container: no cold start since, and its REPORT has no Init Duration.
    assertThat(tourist.emulator().coldStarts(DeployedTourist.FUNCTION)).isEqualTo(coldStarts);
    assertThat(awaitReport(back.headers().firstValue(ApiGatewayServer.LAMBDA_REQUEST_ID).orElseThrow()).coldStart()).isFalse();
  }

  private static Report awaitReport(String requestId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!reports.containsKey(requestId)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no REPORT for " + requestId + " in " + List.copyOf(reports.keySet()));
      }
      Thread.sleep(5);
    }
    return reports.get(requestId);
  }
}
