package dev.lambdaloom.emulator.apigateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.PercentDecoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * API Gateway HTTP API's payload format 2.0: an HTTP request as the event a function receives,
 * and the function's answer back as an HTTP response, as AWS documents them. Header names are
 * lower-cased and repeated headers and query parameters joined with commas; cookies move to their
 * own list; a body that is not text travels base64. An answer without statusCode is taken as a
 * 200 JSON body, as API Gateway does.
 */
public final class PayloadV2 {
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private PayloadV2() {}

  /** Thrown when a function's answer is not a response API Gateway can send. */
  static final class MalformedResponseException extends Exception {
    MalformedResponseException(String message) {
      super(message);
    }
  }

  /** The event for {@code request} on the route it matched; the sample events of the CLI's event command too. */
  public static byte[] event(GatewayRequest request, RouteTable.Match match, String requestId, String accountId,
      Instant now) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + request.body().length * 4 / 3);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("version", "2.0");
      g.writeStringField("routeKey", match.route().routeKey());
      g.writeStringField("rawPath", request.rawPath());
      g.writeStringField("rawQueryString", request.rawQueryString());
      List<String> cookies = new ArrayList<>();
      g.writeObjectFieldStart("headers");
      for (var header : request.headers().entrySet()) {
        String name = header.getKey().toLowerCase(Locale.ROOT);
        if (name.equals("cookie")) {
          for (String value : header.getValue()) {
            for (String cookie : value.split(";")) {
              if (!cookie.isBlank()) {
                cookies.add(cookie.strip());
              }
            }
          }
        } else {
          g.writeStringField(name, String.join(",", header.getValue()));
        }
      }
      g.writeEndObject();
      if (!cookies.isEmpty()) {
        g.writeArrayFieldStart("cookies");
        for (String cookie : cookies) {
          g.writeString(cookie);
        }
        g.writeEndArray();
      }
      Map<String, String> query = query(request.rawQueryString());
      if (!query.isEmpty()) {
        g.writeObjectFieldStart("queryStringParameters");
        for (var parameter : query.entrySet()) {
          g.writeStringField(parameter.getKey(), parameter.getValue());
        }
        g.writeEndObject();
      }
      g.writeObjectFieldStart("requestContext");
      g.writeStringField("accountId", accountId);
      g.writeStringField("apiId", "lambdaloom");
      String host = first(request.headers(), "host", "127.0.0.1");
      g.writeStringField("domainName", host);
      g.writeStringField("domainPrefix", host.split("[.:]")[0]);
      g.writeObjectFieldStart("http");
      g.writeStringField("method", request.method());
      g.writeStringField("path", request.rawPath());
      g.writeStringField("protocol", "HTTP/1.1");
      g.writeStringField("sourceIp", request.sourceIp());
      g.writeStringField("userAgent", first(request.headers(), "user-agent", ""));
      g.writeEndObject();
      g.writeStringField("requestId", requestId);
      g.writeStringField("routeKey", match.route().routeKey());
      g.writeStringField("stage", "$default");
      g.writeStringField("time", TIME.format(now));
      g.writeNumberField("timeEpoch", now.toEpochMilli());
      g.writeEndObject();
      if (!match.pathParameters().isEmpty()) {
        g.writeObjectFieldStart("pathParameters");
        for (var parameter : match.pathParameters().entrySet()) {
          g.writeStringField(parameter.getKey(), parameter.getValue());
        }
        g.writeEndObject();
      }
      boolean base64 = false;
      if (request.body().length > 0) {
        String text = textBody(request);
        base64 = text == null;
        g.writeStringField("body", base64 ? Base64.getEncoder().encodeToString(request.body()) : text);
      }
      g.writeBooleanField("isBase64Encoded", base64);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The body as text when its type is textual and it is valid UTF-8; null means send it base64. */
  static String textBody(GatewayRequest request) {
    String type = first(request.headers(), "content-type", "").toLowerCase(Locale.ROOT);
    boolean textual = type.startsWith("text/") || type.contains("json") || type.contains("xml")
        || type.contains("javascript") || type.startsWith("application/x-www-form-urlencoded");
    if (!textual) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(request.body())).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Query parameters decoded, repeated names joined with commas, as payload 2.0 has them. */
  public static Map<String, String> query(String raw) {
    Map<String, String> parameters = new LinkedHashMap<>();
    queryValues(raw).forEach((name, values) -> parameters.put(name, String.join(",", values)));
    return parameters;
  }

  /** Every value of each query parameter, decoded, in order. */
  static Map<String, List<String>> queryValues(String raw) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return parameters;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return parameters;
  }

  /** The gateway has refused a query that does not decode before it makes an event. */
  private static String decode(String text) {
    return PercentDecoding.queryPart(text);
  }

  static String first(Map<String, List<String>> headers, String name, String fallback) {
    for (var header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
        return header.getValue().getFirst();
      }
    }
    return fallback;
  }

  /** The HTTP response for a function's answer. */
  static GatewayResponse response(byte[] payload) throws MalformedResponseException {
    JsonNode root;
    try {
      root = MAPPER.readTree(payload);
    } catch (IOException e) {
      throw new MalformedResponseException("the function's answer is not JSON: " + e.getMessage());
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (root == null || !root.isObject() || !root.has("statusCode")) {
      // API Gateway's inference for payload 2.0: any other valid JSON is a 200 with that JSON as the body.
      headers.put("Content-Type", List.of("application/json"));
      return new GatewayResponse(200, headers, payload);
    }
    JsonNode status = root.get("statusCode");
    if (!status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599) {
      throw new MalformedResponseException("statusCode must be an HTTP status, found " + status);
    }
    JsonNode single = root.get("headers");
    if (single != null && single.isObject()) {
      single.properties().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue().asText()));
    }
    JsonNode multi = root.get("multiValueHeaders");
    if (multi != null && multi.isObject()) {
      multi.properties().forEach(h -> {
        List<String> values = headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>());
        h.getValue().forEach(v -> values.add(v.asText()));
      });
    }
    JsonNode cookies = root.get("cookies");
    if (cookies != null && cookies.isArray()) {
      List<String> setCookie = headers.computeIfAbsent("Set-Cookie", k -> new ArrayList<>());
      cookies.forEach(c -> setCookie.add(c.asText()));
    }
    byte[] body = new byte[0];
    JsonNode text = root.get("body");
    if (text != null && !text.isNull()) {
      String value = text.isTextual() ? text.asText() : text.toString();
      if (root.path("isBase64Encoded").asBoolean(false)) {
        try {
          body = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
          throw new MalformedResponseException("isBase64Encoded is true but the body is not base64");
        }
      } else {
        body = value.getBytes(StandardCharsets.UTF_8);
      }
    }
    return new GatewayResponse(status.asInt(), headers, body);
  }
}
