package dev.lambdaloom.functions.tourist.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An event as API Gateway sends it (from AWS's documentation of payload format 2.0). */
  static final String EVENT = """
      {"version":"2.0","routeKey":"ANY /tourists/{id}","rawPath":"/tourists/abc","rawQueryString":"limit=5&x=1&x=2",
       "cookies":["a=1"],"headers":{"Content-Type":"application/json","if-match":"\\"3\\""},
       "queryStringParameters":{"limit":"5","x":"1,2"},
       "requestContext":{"accountId":"123456789012","apiId":"api","domainName":"localhost","http":{"method":"put",
         "path":"/tourists/abc","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"test"},
         "requestId":"JKJaXmPLvHcESHA=","routeKey":"ANY /tourists/{id}","stage":"$default","timeEpoch":1},
       "pathParameters":{"id":"abc"},"body":"%s","isBase64Encoded":%s,"stageVariables":null}
      """;

  @Test
  void readsWhatTheApiNeeds() {
    ApiRequest request = HttpApiEvents.read(EVENT.formatted("{\\\"name\\\":\\\"Zoë\\\"}", "false").getBytes(StandardCharsets.UTF_8));

    assertThat(request.method()).isEqualTo("PUT");
    assertThat(request.path()).isEqualTo("/tourists/abc");
    assertThat(request.query()).containsEntry("limit", "5").containsEntry("x", "1,2");
    assertThat(request.header("content-type")).isEqualTo("application/json");
    assertThat(request.header("if-match")).isEqualTo("\"3\"");
    assertThat(request.requestId()).isEqualTo("JKJaXmPLvHcESHA=");
    assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"Zoë\"}");
  }

  @Test
  void decodesBase64Bodies() {
    String encoded = Base64.getEncoder().encodeToString("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    ApiRequest request = HttpApiEvents.read(EVENT.formatted(encoded, "true").getBytes(StandardCharsets.UTF_8));
    assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
  }

  @Test
  void refusesEventsThatAreNotHttpApiRequests() {
    assertThatThrownBy(() -> HttpApiEvents.read("{}".getBytes(StandardCharsets.UTF_8))).isInstanceOf(BadEventException.class);
    assertThatThrownBy(() -> HttpApiEvents.read("nope".getBytes(StandardCharsets.UTF_8))).isInstanceOf(BadEventException.class);
  }

  @Test
  void aDirectInvocationGetsA400Problem() throws Exception {
    TouristApi api = new TouristApi(null, System.out); // never reaches a use case
    ApiResponse response = api.handle("{\"hello\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("requestContext.http.method");
  }

  @Test
  void writesAResponseApiGatewayUnderstands() throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("ETag", "\"1\"");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    HttpApiEvents.write(new ApiResponse(201, headers, "{\"name\":\"山田\"}"), out);

    JsonNode written = JSON.readTree(out.toByteArray());
    assertThat(written.get("statusCode").asInt()).isEqualTo(201);
    assertThat(written.get("headers").get("ETag").asText()).isEqualTo("\"1\"");
    assertThat(written.get("body").asText()).isEqualTo("{\"name\":\"山田\"}");
    assertThat(written.get("isBase64Encoded").asBoolean()).isFalse();
  }
}
