package dev.lambdaloom.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.fixtures.FixtureCode;
import dev.lambdaloom.emulator.fixtures.HttpApiFixtureHandler;
import dev.lambdaloom.emulator.fixtures.Poll;
import dev.lambdaloom.emulator.fixtures.RecordingLogSink;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.loopback.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP in, payload 2.0 events through the real emulator, HTTP out: what sam local start-api does, without Docker. */
class ApiGatewayServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir static Path dir;
  private static Emulator emulator;
  private static ApiGatewayServer gateway;
  private static ApiGatewayServer impatient;

  @BeforeAll
  static void start() throws Exception {
    FixtureCode.archive(dir.resolve("fixture.zip"));
    Path template = FixtureCode.template(dir, """
          Api:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %1$s
              Events:
                Echo: {Type: HttpApi, Properties: {Path: "/echo/{id}", Method: ANY}}
                Files: {Type: HttpApi, Properties: {Path: "/files/{proxy+}", Method: GET}}
                Fallback: {Type: HttpApi}
          Single:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %1$s
              ReservedConcurrentExecutions: 1
              Events:
                Slow: {Type: HttpApi, Properties: {Path: /slow, Method: GET}}
          Guarded:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %1$s
              Events:
                Guarded: {Type: HttpApi, Properties: {Path: /guarded, Method: GET}}
        """.formatted(HttpApiFixtureHandler.class.getName() + "::handleRequest"));
    emulator = Emulator.start(SamTemplate.load(template), EmulatorSettings.defaults(), new RecordingLogSink());
    gateway = ApiGatewayServer.start(emulator, 0);
    impatient = ApiGatewayServer.start(emulator, gateway.routes(), 0, line -> {}, Duration.ofMillis(300));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {impatient, gateway, emulator}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpRequest.Builder to(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(gateway.endpoint() + pathAndQuery));
  }

  @Test
  void turnsARequestIntoAPayloadV2EventAndTheAnswerIntoAResponse() throws Exception {
    HttpResponse<byte[]> response = send(to("/echo/a%20b?x=1&x=2&y=").header("Cookie", "c1=1; c2=2")
        .header("X-Custom", "Yes").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Zoë\"}")));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().allValues("Set-Cookie")).containsExactly("session=abc; Path=/", "theme=dark");
    assertThat(response.headers().allValues("X-Multi")).containsExactly("a", "b");
    assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
    assertThat(response.headers().firstValue(ApiGatewayServer.LAMBDA_REQUEST_ID)).isPresent();
    JsonNode event = JSON.readTree(response.body());
    assertThat(event.get("version").asText()).isEqualTo("2.0");
    assertThat(event.get("routeKey").asText()).isEqualTo("ANY /echo/{id}");
    assertThat(event.get("rawPath").asText()).isEqualTo("/echo/a%20b");
    assertThat(event.get("rawQueryString").asText()).isEqualTo("x=1&x=2&y=");
    assertThat(event.get("queryStringParameters").toString()).isEqualTo("{\"x\":\"1,2\",\"y\":\"\"}");
    assertThat(event.get("pathParameters").get("id").asText()).isEqualTo("a b");
    assertThat(event.get("cookies").toString()).isEqualTo("[\"c1=1\",\"c2=2\"]");
    assertThat(event.get("headers").get("x-custom").asText()).isEqualTo("Yes");
    assertThat(event.get("headers").has("cookie")).isFalse();
    assertThat(event.get("requestContext").get("http").get("method").asText()).isEqualTo("POST");
    assertThat(event.get("requestContext").get("requestId").asText())
        .isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());
    assertThat(event.get("body").asText()).isEqualTo("{\"name\":\"Zoë\"}");
    assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
  }

  @Test
  void binaryBodiesTravelBase64BothWays() throws Exception {
    HttpResponse<byte[]> echo = send(to("/echo/bin").header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, 0, 1})));
    JsonNode event = JSON.readTree(echo.body());
    assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
    assertThat(event.get("body").asText()).isEqualTo("/wAB");

    HttpResponse<byte[]> binary = send(to("/binary").GET()); // $default route
    assertThat(binary.statusCode()).isEqualTo(200);
    assertThat(binary.body()).containsExactly(0, 1, 2, 255);
  }

  @Test
  void greedyAndDefaultRoutes() throws Exception {
    JsonNode files = JSON.readTree(send(to("/files/a/b/c.txt").GET()).body());
    assertThat(files.get("routeKey").asText()).isEqualTo("GET /files/{proxy+}");
    assertThat(files.get("pathParameters").get("proxy").asText()).isEqualTo("a/b/c.txt");

    JsonNode other = JSON.readTree(send(to("/anything/else").DELETE()).body());
    assertThat(other.get("routeKey").asText()).isEqualTo("$default");
  }

  @Test
  void anAnswerWithoutStatusCodeIsA200JsonBody() throws Exception {
    HttpResponse<byte[]> plain = send(to("/plain").GET());
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(JSON.readTree(plain.body()).get("plain").asBoolean()).isTrue();
  }

  @Test
  void functionErrorsAndUnusableAnswersAre500LikeApiGateway() throws Exception {
    for (String path : new String[] {"/fail", "/bad"}) {
      HttpResponse<byte[]> response = send(to(path).GET());
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }
  }

  @Test
  void coldThenWarmOnTheSameContainer() throws Exception {
    HttpResponse<byte[]> first = send(to("/echo/1").GET());
    HttpResponse<byte[]> second = send(to("/echo/2").GET());
    assertThat(second.headers().firstValue("X-Pid")).isEqualTo(first.headers().firstValue("X-Pid"));
    assertThat(Integer.parseInt(second.headers().firstValue("X-Invocation").orElseThrow()))
        .isGreaterThan(Integer.parseInt(first.headers().firstValue("X-Invocation").orElseThrow()));
  }

  @Test
  void aThrottleIs429() throws Exception {
    CompletableFuture<HttpResponse<byte[]>> busy = HTTP.sendAsync(to("/slow?millis=3000").GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    Poll.until(() -> emulator.concurrentExecutions("Single") == 1, Duration.ofSeconds(30), "the slow call to start");

    HttpResponse<byte[]> throttled = send(to("/slow?millis=1").GET());

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(new String(throttled.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Too Many Requests\"}");
    assertThat(busy.get().statusCode()).isEqualTo(201);
  }

  @Test
  void theIntegrationTimeoutIs503() throws Exception {
    HttpResponse<byte[]> late = HTTP.send(HttpRequest.newBuilder(URI.create(impatient.endpoint() + "/echo/slow?millis=1500"))
        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(late.statusCode()).isEqualTo(503);
    assertThat(new String(late.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Service Unavailable\"}");
  }

  @Test
  void unroutedRequestsAre404AndOversizedEvents413() throws Exception {
    try (ApiGatewayServer narrow = ApiGatewayServer.start(emulator,
        new RouteTable(java.util.List.of(HttpApiRoute.of("GET", "/only", "Api"))), 0, line -> {}, Duration.ofSeconds(30))) {
      HttpResponse<byte[]> missing = HTTP.send(HttpRequest.newBuilder(URI.create(narrow.endpoint() + "/nope")).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(new String(missing.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Not Found\"}");
    }
    HttpResponse<byte[]> big = send(to("/echo/big").header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(6_500_000))));
    assertThat(big.statusCode()).isEqualTo(413);
  }

  private static RawHttp.Response raw(String requestLineAndHeaders) throws Exception {
    return RawHttp.exchange(gateway.port(), requestLineAndHeaders + "\r\nConnection: close\r\n\r\n");
  }

  @Test
  void requestsWithAForeignHostOrOriginAre403ForbiddenAndInvokeNothing() throws Exception {
    String get = "GET /guarded HTTP/1.1\r\n";
    List<RawHttp.Response> refused = List.of(
        raw(get + "Host: rebound.attacker.example:" + gateway.port()),
        raw(get + "Host: 127.0.0.1:" + gateway.port() + "\r\nOrigin: https://attacker.example"),
        raw(get + "Host: localhost\r\nOrigin: null"),
        raw("GET /guarded HTTP/1.1"));

    for (RawHttp.Response response : refused) {
      assertThat(response.status()).isEqualTo(403);
      assertThat(response.body()).isEqualTo("{\"message\":\"Forbidden\"}");
    }
    assertThat(emulator.coldStarts("Guarded")).isZero();

    RawHttp.Response local = raw(get + "Host: LOCALHOST:" + gateway.port() + "\r\nOrigin: http://localhost:5173");
    assertThat(local.status()).isEqualTo(201); // the fixture's answer: the page on the user's own machine gets through
    assertThat(emulator.coldStarts("Guarded")).isEqualTo(1);
  }

  @Test
  void pathsAndQueriesWhoseEscapesDoNotDecodeAre400() throws Exception {
    for (String target : List.of("/echo/%FF", "/echo/ok?name=%C3%28", "/echo/%C3")) { // bytes that are not UTF-8
      RawHttp.Response response = raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + gateway.port());
      assertThat(response.status()).as(target).isEqualTo(400);
      assertThat(response.body()).as(target).isEqualTo("{\"message\":\"Bad Request\"}");
    }
    // Escapes that are no escapes: the JDK's HTTP parser refuses the request line itself, before any handler.
    for (String target : List.of("/echo/%ZZ", "/echo/%", "/echo/ok?q=%G1")) {
      assertThat(raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + gateway.port()).status()).as(target)
          .isEqualTo(400);
    }
    assertThat(send(to("/echo/%C3%A9?q=%C3%A9").GET()).statusCode()).isEqualTo(201); // é, well formed
  }

  @Test
  void aStalledBodyHasItsConnectionClosedWithoutInvokingAnything() throws Exception {
    Duration bodyTimeout = Duration.ofMillis(500);
    try (ApiGatewayServer strict = ApiGatewayServer.start(emulator, gateway.routes(), 0, line -> {},
        GatewayLimits.defaults().withBodyTimeout(bodyTimeout));
        RawHttp stalled = RawHttp.connect(strict.port())) {
      int coldStarts = emulator.coldStarts("Single");
      long start = System.nanoTime();
      stalled.send("GET /slow HTTP/1.1\r\nHost: 127.0.0.1:" + strict.port() + "\r\nContent-Length: 100000\r\n\r\nab");

      assertThat(stalled.awaitClosed(Duration.ofSeconds(60))).as("stalled connection closed").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(bodyTimeout);
      assertThat(emulator.coldStarts("Single")).isEqualTo(coldStarts);
      assertThat(emulator.concurrentExecutions("Single")).isZero();
    }
  }
}
