package dev.lambdaloom.emulator.events.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.lambdaloom.emulator.events.samples.HttpApiSample.PayloadVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiSampleTest {
  private static final SampleOrigin ORIGIN = SampleOrigin.defaults();

  @Test
  void payloadTwoComesThroughAwsRuntimeWithMethodPathQueryBodyAndPathParameters() {
    String json = HttpApiSample.of(ORIGIN).method("put").path("/tourists/t%2D1?notify=yes&tag=a&tag=b")
        .route("ANY /tourists/{id}").header("X-Trace", "abc").body("{\"name\":\"Ada\"}").json();

    APIGatewayV2HTTPEvent event = AwsRuntimeReader.read(APIGatewayV2HTTPEvent.class, json);

    assertThat(event.getVersion()).isEqualTo("2.0");
    assertThat(event.getRouteKey()).isEqualTo("ANY /tourists/{id}");
    assertThat(event.getRawPath()).isEqualTo("/tourists/t%2D1");
    assertThat(event.getRawQueryString()).isEqualTo("notify=yes&tag=a&tag=b");
    assertThat(event.getQueryStringParameters()).containsExactlyInAnyOrderEntriesOf(Map.of("notify", "yes", "tag", "a,b"));
    assertThat(event.getPathParameters()).containsExactlyEntriesOf(Map.of("id", "t-1"));
    assertThat(event.getHeaders()).containsEntry("x-trace", "abc").containsEntry("content-type", "application/json");
    assertThat(event.getBody()).isEqualTo("{\"name\":\"Ada\"}");
    assertThat(json).contains("\"isBase64Encoded\" : false");
    APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
    assertThat(context.getHttp().getMethod()).isEqualTo("PUT");
    assertThat(context.getHttp().getPath()).isEqualTo("/tourists/t%2D1");
    assertThat(context.getAccountId()).isEqualTo("123456789012");
    assertThat(context.getStage()).isEqualTo("$default");
    assertThat(context.getTimeEpoch()).isEqualTo(SampleOrigin.DEFAULT_TIME.toEpochMilli());
    assertThat(context.getRequestId()).isNotBlank();
  }

  @Test
  void payloadOneComesThroughAwsSerializersAsTheProxyRequest() {
    String json = HttpApiSample.of(ORIGIN).payloadVersion(PayloadVersion.parse("1.0")).method("POST")
        .path("/tourists?tag=a&tag=b").route("POST /tourists").body("{\"name\":\"Ada\"}").json();

    APIGatewayProxyRequestEvent event = AwsRuntimeReader.read(APIGatewayProxyRequestEvent.class, json);

    assertThat(event.getVersion()).isEqualTo("1.0");
    assertThat(event.getHttpMethod()).isEqualTo("POST");
    assertThat(event.getPath()).isEqualTo("/tourists");
    assertThat(event.getResource()).isEqualTo("/tourists");
    assertThat(event.getBody()).isEqualTo("{\"name\":\"Ada\"}");
    assertThat(event.getIsBase64Encoded()).isFalse();
    assertThat(event.getQueryStringParameters()).containsEntry("tag", "a,b");
    assertThat(event.getMultiValueQueryStringParameters()).containsEntry("tag", List.of("a", "b"));
    assertThat(event.getMultiValueHeaders()).containsEntry("content-type", List.of("application/json"));
    assertThat(event.getRequestContext().getHttpMethod()).isEqualTo("POST");
    assertThat(event.getRequestContext().getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
    assertThat(event.getRequestContext().getRequestTimeEpoch()).isEqualTo(SampleOrigin.DEFAULT_TIME.toEpochMilli());
    assertThat(event.getPathParameters()).isNull();
  }

  @Test
  void requestsTheRouteCannotTakeAndBadPathsAreRefused() {
    HttpApiSample sample = HttpApiSample.of(ORIGIN);

    assertThatThrownBy(() -> sample.path("/tourists").route("GET /workers/{id}").json())
        .isInstanceOf(InvalidSampleException.class).hasMessage("path /tourists does not match route GET /workers/{id}");
    assertThatThrownBy(() -> sample.method("DELETE").route("GET /").json())
        .hasMessage("route GET / does not take method DELETE");
    assertThatThrownBy(() -> sample.path("tourists")).hasMessageContaining("a path starts with /");
    assertThatThrownBy(() -> sample.path("/a%zz")).hasMessageContaining("malformed percent escape");
    assertThatThrownBy(() -> PayloadVersion.parse("3.0")).hasMessage("payload format version is 1.0 or 2.0, found 3.0");
  }
}
