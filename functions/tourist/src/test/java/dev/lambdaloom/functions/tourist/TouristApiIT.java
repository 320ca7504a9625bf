package dev.lambdaloom.functions.tourist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.apigateway.ApiGatewayServer;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.Report;
import dev.lambdaloom.services.postgres.Migrator;
import dev.lambdaloom.services.postgres.PostgresServer;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.template.TemplateOverrides;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
  private static final String FUNCTION = "TouristFunction";
  private static final Path TEMPLATE = Path.of("../../template.yaml").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final Map<String, Report> reports = new ConcurrentHashMap<>();

  private static PostgresServer postgres;
  private static Emulator emulator;
  private static ApiGatewayServer gateway;

  @BeforeAll
  static void start() throws Exception {
    assertThat(Path.of("target/tourist.zip")).as("the zip, built by package").isRegularFile();
    postgres = PostgresServer.start(Files.createTempDirectory("tourist-it-"), 0, true);
    try (Connection c = postgres.connect()) {
      Migrator.of(TestDatabase.MIGRATIONS).migrate(c);
    }
    SamTemplate template = SamTemplate.load(TEMPLATE,
        TemplateOverrides.none().withEnvironment(FUNCTION, postgres.environment()));
    LogSink sink = (function, lines) -> {
      LogSink.printTo(System.out, true).accept(function, lines);
      lines.forEach(line -> Report.parse(line).ifPresent(r -> reports.put(r.requestId(), r)));
    };
    emulator = Emulator.start(template, EmulatorSettings.defaults(), sink);
    gateway = ApiGatewayServer.start(emulator, 0);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (emulator != null) {
      emulator.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private static HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.endpoint() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.setHeader(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
  void whenPostgresIsDownItIs503AndTheSameWarmContainerRecovers() throws Exception {
    HttpResponse<String> created = send("POST", "/tourists",
        "{\"name\":\"Grace\",\"email\":\"grace@example.com\",\"nationality\":\"US\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(send("GET", location, null).statusCode()).isEqualTo(200);
    int coldStarts = emulator.coldStarts(FUNCTION);

    postgres.stop();
    try {
      HttpResponse<String> down = send("GET", location, null);
      JsonNode problem = problem(down, 503);
      assertThat(down.headers().firstValue("Retry-After")).contains("2");
      assertThat(problem.get("type").asText()).endsWith("/database-unavailable");
      problem(send("POST", "/tourists", "{\"name\":\"Nope\",\"email\":\"nope@example.com\",\"nationality\":\"US\"}"), 503);
    } finally {
      postgres.resume(); // the same password: the warm container's DB_PASSWORD works again
    }

    HttpResponse<String> back = send("GET", location, null);
    assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    assertThat(JSON.readTree(back.body()).get("name").asText()).isEqualTo("Grace");
    // Same container: no cold start since, and its REPORT has no Init Duration.
    assertThat(emulator.coldStarts(FUNCTION)).isEqualTo(coldStarts);
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
