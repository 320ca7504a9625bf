package dev.lambdaloom.emulator.apigateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * API Gateway HTTP API's payload format 1.0, the REST API proxy shape ({@code APIGatewayProxyRequestEvent} in
 * aws-lambda-java-events): every header and query parameter twice, once with repeated values joined with commas and
 * once as a list; cookies stay a header. The body follows {@link PayloadV2}'s rule for text and base64.
 */
public final class PayloadV1 {
  private static final JsonFactory JSON = new JsonFactory();

  private PayloadV1() {}

  public static byte[] event(GatewayRequest request, RouteTable.Match match, String requestId, String accountId,
      Instant now) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + request.body().length * 4 / 3);
    HttpApiRoute route = match.route();
    // The $default route has no resource path of its own: the request's path stands for it.
    String resource = route.isDefault() ? request.rawPath() : route.path();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("version", "1.0");
      g.writeStringField("resource", resource);
      g.writeStringField("path", request.rawPath());
      g.writeStringField("httpMethod", request.method());
      g.writeObjectFieldStart("headers");
      for (var header : request.headers().entrySet()) {
        g.writeStringField(header.getKey(), String.join(",", header.getValue()));
      }
      g.writeEndObject();
      g.writeObjectFieldStart("multiValueHeaders");
      for (var header : request.headers().entrySet()) {
        writeList(g, header.getKey(), header.getValue());
      }
      g.writeEndObject();
      Map<String, List<String>> query = PayloadV2.queryValues(request.rawQueryString());
      if (query.isEmpty()) {
        g.writeNullField("queryStringParameters");
        g.writeNullField("multiValueQueryStringParameters");
      } else {
        g.writeObjectFieldStart("queryStringParameters");
        for (var parameter : query.entrySet()) {
          g.writeStringField(parameter.getKey(), String.join(",", parameter.getValue()));
        }
        g.writeEndObject();
        g.writeObjectFieldStart("multiValueQueryStringParameters");
        for (var parameter : query.entrySet()) {
          writeList(g, parameter.getKey(), parameter.getValue());
        }
        g.writeEndObject();
      }
      g.writeObjectFieldStart("requestContext");
      g.writeStringField("accountId", accountId);
      g.writeStringField("apiId", "lambdaloom");
      String host = PayloadV2.first(request.headers(), "host", "127.0.0.1");
      g.writeStringField("domainName", host);
      g.writeStringField("domainPrefix", host.split("[.:]")[0]);
      g.writeStringField("extendedRequestId", requestId);
      g.writeStringField("httpMethod", request.method());
      g.writeObjectFieldStart("identity");
      g.writeStringField("sourceIp", request.sourceIp());
      g.writeStringField("userAgent", PayloadV2.first(request.headers(), "user-agent", ""));
      g.writeEndObject();
      g.writeStringField("path", request.rawPath());
      g.writeStringField("protocol", "HTTP/1.1");
      g.writeStringField("requestId", requestId);
      g.writeStringField("requestTime", PayloadV2.TIME.format(now));
      g.writeNumberField("requestTimeEpoch", now.toEpochMilli());
      g.writeStringField("resourcePath", resource);
      g.writeStringField("stage", "$default");
      g.writeEndObject();
      if (match.pathParameters().isEmpty()) {
        g.writeNullField("pathParameters");
      } else {
        g.writeObjectFieldStart("pathParameters");
        for (var parameter : match.pathParameters().entrySet()) {
          g.writeStringField(parameter.getKey(), parameter.getValue());
        }
        g.writeEndObject();
      }
      g.writeNullField("stageVariables");
      boolean base64 = false;
      if (request.body().length > 0) {
        String text = PayloadV2.textBody(request);
        base64 = text == null;
        g.writeStringField("body", base64 ? Base64.getEncoder().encodeToString(request.body()) : text);
      } else {
        g.writeNullField("body");
      }
      g.writeBooleanField("isBase64Encoded", base64);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeList(JsonGenerator g, String name, List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String value : values) {
      g.writeString(value);
    }
    g.writeEndArray();
  }
}
