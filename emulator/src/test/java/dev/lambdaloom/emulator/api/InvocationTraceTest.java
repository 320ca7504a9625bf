package dev.lambdaloom.emulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.fixtures.FixtureCode;
import dev.lambdaloom.emulator.fixtures.InvokingHandler;
import dev.lambdaloom.emulator.fixtures.RecordingLogSink;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.trace.ChromeTrace;
import dev.lambdaloom.emulator.trace.OtlpTrace;
import dev.lambdaloom.loopback.FreePort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace context and causes through the real Invoke API on loopback: a caller's X-Amzn-Trace-Id reaches the runtime,
 * a function calling another through the AWS SDK is recorded as that call's cause, and the ledger exports as a Chrome
 * trace and OTLP spans.
 */
class InvocationTraceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROOT = "1-67891233-abcdef012345678912345678";
  private static final String CALLER_SEGMENT = "53995c3f42cd8ad8";

  @TempDir static Path dir;
  private static Emulator emulator;
  private static InvokeApiServer api;
  private static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    FixtureCode.directoryWithSdk(dir.resolve("code"));
    Path template = FixtureCode.template(dir, """
          Caller:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: code
              Handler: %1$s
          Callee:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: code
              Handler: %1$s
        """.formatted(InvokingHandler.class.getName() + "::handleRequest"));
    // Known before the emulator starts, so that functions get it as AWS_ENDPOINT_URL_LAMBDA, as serve does.
    int port = FreePort.find();
    emulator = Emulator.start(SamTemplate.load(template),
        EmulatorSettings.defaults().withLocalEndpoints(Map.of("LAMBDA", "http://127.0.0.1:" + port)),
        new RecordingLogSink());
    api = InvokeApiServer.start(emulator, port);
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() {
    http.close();
    api.close();
    emulator.close();
  }

  @Test
  void aCallersTraceHeaderReachesTheRuntimeWithItsRootAndANewParent() throws Exception {
    HttpResponse<String> response = invoke("Callee", "{}",
        "Root=" + ROOT + ";Parent=" + CALLER_SEGMENT + ";Sampled=1");

    JsonNode answer = JSON.readTree(response.body());
    String header = answer.get("traceHeader").asText();
    assertThat(header).matches("Root=" + ROOT + ";Parent=[0-9a-f]{16};Sampled=1");
    assertThat(header).doesNotContain(CALLER_SEGMENT);
    JsonNode entry = entry(answer.get("requestId").asText());
    assertThat(entry.get("traceRoot").asText()).isEqualTo(ROOT);
    assertThat(entry.get("callerParent").asText()).isEqualTo(CALLER_SEGMENT);
    assertThat(header).contains("Parent=" + entry.get("parent").asText());
    assertThat(entry.get("cause").get("type").asText()).isEqualTo("InvokeApi");
  }

  @Test
  void withoutATraceHeaderEachInvocationStartsATraceOfItsOwn() throws Exception {
    String first = JSON.readTree(invoke("Callee", "{}", null).body()).get("traceHeader").asText();
    String second = JSON.readTree(invoke("Callee", "{}", null).body()).get("traceHeader").asText();

    assertThat(first).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
    assertThat(root(first)).isNotEqualTo(root(second));
  }

  @Test
  void aFunctionCallingAnotherThroughTheSdkIsRecordedAsItsCause() throws Exception {
    JsonNode answer = JSON.readTree(invoke("Caller", "{\"callee\":\"Callee\"}", null).body());
    JsonNode calleeAnswer = JSON.readTree(answer.get("calleeAnswer").asText());

    JsonNode caller = entry(answer.get("requestId").asText());
    JsonNode callee = entry(calleeAnswer.get("requestId").asText());
    assertThat(callee.get("callerParent").asText()).isEqualTo(caller.get("parent").asText());
    assertThat(callee.get("traceRoot").asText()).isEqualTo(caller.get("traceRoot").asText());
    assertThat(callee.get("cause").get("traceHeader").asText())
        .isEqualTo(answer.get("traceHeader").asText()); // what the SDK sent is what the caller's runtime got
    JsonNode ledger = ledger();
    assertThat(ledger.get("links")).anySatisfy(link -> {
      assertThat(link.get("from").asText()).isEqualTo(caller.get("parent").asText());
      assertThat(link.get("to").asText()).isEqualTo(callee.get("parent").asText());
      assertThat(link.get("kind").asText()).isEqualTo("invoke-api");
      assertThat(link.get("inferred").asBoolean()).isFalse();
    });
    // The callee ran inside the caller, on the emulator's one clock.
    assertThat(callee.get("startMicros").asLong()).isGreaterThanOrEqualTo(caller.get("startMicros").asLong());
    assertThat(callee.get("endMicros").asLong()).isLessThanOrEqualTo(caller.get("endMicros").asLong());

    Path file = dir.resolve("trace.json");
    JSON.writeValue(file.toFile(), ChromeTrace.of(ledger));
    List<JsonNode> events = new ArrayList<>();
    JSON.readTree(Files.readAllBytes(file)).get("traceEvents").forEach(events::add);
    JsonNode callerSlice = slice(events, caller);
    JsonNode calleeSlice = slice(events, callee);
    assertThat(callerSlice.get("dur").asLong()).isGreaterThanOrEqualTo(calleeSlice.get("dur").asLong());
    assertThat(callerSlice.get("pid").asInt()).isNotEqualTo(calleeSlice.get("pid").asInt());
    JsonNode start = events.stream().filter(e -> e.get("ph").asText().equals("s")
        && e.get("pid").asInt() == callerSlice.get("pid").asInt()
        && e.get("ts").asLong() >= callerSlice.get("ts").asLong()
        && e.get("ts").asLong() <= callerSlice.get("ts").asLong() + callerSlice.get("dur").asLong()).findFirst()
        .orElseThrow(() -> new AssertionError("no flow starts in the caller's slice: " + events));
    JsonNode finish = events.stream().filter(e -> e.get("ph").asText().equals("f")
        && e.get("id").asInt() == start.get("id").asInt()).findFirst().orElseThrow();
    assertThat(finish.get("pid").asInt()).isEqualTo(calleeSlice.get("pid").asInt());
    assertThat(finish.get("ts").asLong()).isEqualTo(calleeSlice.get("ts").asLong());
    assertThat(finish.get("args").get("inferred").asBoolean()).isFalse();
    assertThat(events).anySatisfy(e -> {
      assertThat(e.get("ph").asText()).isEqualTo("M");
      assertThat(e.get("args").get("name").asText()).isEqualTo("Callee");
    });

    JsonNode spans = OtlpTrace.of(ledger).get("resourceSpans");
    JsonNode calleeSpan = StreamSupport.stream(spans.spliterator(), false)
        .flatMap(r -> StreamSupport.stream(r.get("scopeSpans").get(0).get("spans").spliterator(), false))
        .filter(s -> s.get("spanId").asText().equals(callee.get("parent").asText())).findFirst().orElseThrow();
    assertThat(calleeSpan.get("parentSpanId").asText()).isEqualTo(caller.get("parent").asText());
    assertThat(calleeSpan.get("traceId").asText()).hasSize(32)
        // Root=1-<8 hex time>-<24 hex>: the version prefix only (a time ending in 1 holds "1-" too), then the dash
        .isEqualTo(caller.get("traceRoot").asText().replaceFirst("^1-", "").replace("-", ""));
  }

  private static JsonNode slice(List<JsonNode> events, JsonNode invocation) {
    return events.stream().filter(e -> e.get("ph").asText().equals("X")
        && e.get("args").get("requestId").asText().equals(invocation.get("requestId").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no slice for " + invocation));
  }

  private static String root(String header) {
    return header.substring("Root=".length(), header.indexOf(';'));
  }

  private static HttpResponse<String> invoke(String function, String payload, String traceHeader) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create(api.endpoint() + "/2015-03-31/functions/" + function + "/invocations"))
        .POST(HttpRequest.BodyPublishers.ofString(payload));
    if (traceHeader != null) {
      request.header("X-Amzn-Trace-Id", traceHeader);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Amz-Function-Error")).as(response.body()).isEmpty();
    return response;
  }

  private static JsonNode ledger() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create(api.endpoint() + InvokeApiServer.INVOCATIONS)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static JsonNode entry(String requestId) throws Exception {
    for (JsonNode entry : ledger().get("invocations")) {
      if (entry.get("requestId").asText().equals(requestId)) {
        return entry;
      }
    }
    throw new AssertionError("no ledger entry for " + requestId);
  }
}
