package dev.lambdaloom.functions.tourist.adapter.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads API Gateway HTTP API payload 2.0 events and writes the responses API Gateway expects, with
 * Jackson's streaming API: it reads only the fields it needs, with no reflection and no object model.
 */
public final class HttpApiEvents {
  // The runtime owns the output stream: writing a response must not close it.
  private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private HttpApiEvents() {}

  /** @throws BadEventException when the event is not JSON or lacks the HTTP method */
  public static ApiRequest read(byte[] event) {
    String method = null;
    String path = "/";
    String requestId = "";
    String body = null;
    boolean base64 = false;
    Map<String, String> headers = Map.of();
    Map<String, String> query = Map.of();
    try (JsonParser p = JSON.createParser(event)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadEventException("the event is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "rawPath" -> path = p.getValueAsString(path);
          case "headers" -> headers = stringMap(p, true);
          case "queryStringParameters" -> query = stringMap(p, false);
          case "body" -> body = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
          case "isBase64Encoded" -> base64 = value == JsonToken.VALUE_TRUE;
          case "requestContext" -> {
            String[] context = requestContext(p);
            method = context[0];
            requestId = context[1] == null ? "" : context[1];
          }
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new BadEventException("the event is not valid JSON: " + e.getMessage());
    }
    if (method == null) {
      throw new BadEventException("the event has no requestContext.http.method: not an HTTP API payload 2.0 event");
    }
    byte[] decoded = null;
    if (body != null) {
      try {
        decoded = base64 ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new BadEventException("isBase64Encoded is true but the body is not base64");
      }
    }
    return new ApiRequest(method.toUpperCase(Locale.ROOT), path, query, headers, decoded, requestId);
  }

  /** requestContext.http.method and requestContext.requestId. */
  private static String[] requestContext(JsonParser p) throws IOException {
    String[] found = new String[2];
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return found;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("requestId")) {
        found[1] = p.getValueAsString();
      } else if (field.equals("http") && value == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if (name.equals("method")) {
            found[0] = p.getValueAsString();
          } else {
            p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }
    return found;
  }

  private static Map<String, String> stringMap(JsonParser p, boolean lowerCaseKeys) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return Map.of();
    }
    Map<String, String> map = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      String value = p.getValueAsString();
      p.skipChildren();
      if (value != null) {
        map.put(lowerCaseKeys ? name.toLowerCase(Locale.ROOT) : name, value);
      }
    }
    return map;
  }

  /** Writes {@code {"statusCode":..,"headers":{..},"body":"..","isBase64Encoded":false}}. */
  public static void write(ApiResponse response, OutputStream out) throws IOException {
    try (var g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("statusCode", response.statusCode());
      g.writeObjectFieldStart("headers");
      for (var header : response.headers().entrySet()) {
        g.writeStringField(header.getKey(), header.getValue());
      }
      g.writeEndObject();
      if (response.body() != null) {
        g.writeStringField("body", response.body());
      }
      g.writeBooleanField("isBase64Encoded", false);
      g.writeEndObject();
    }
  }
}
