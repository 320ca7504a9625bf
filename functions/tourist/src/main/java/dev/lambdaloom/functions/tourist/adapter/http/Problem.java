package dev.lambdaloom.functions.tourist.adapter.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lambdaloom.functions.tourist.domain.FieldError;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document ({@code application/problem+json}): type, title, status, detail,
 * instance, plus the extension members {@code errors} (field errors of a 400) and {@code requestId}.
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param headers extra response headers (Allow, Retry-After, ETag)
 */
record Problem(int status, String type, String title, String detail, List<FieldError> errors,
    Map<String, String> headers) {

  private static final JsonFactory JSON = new JsonFactory();
  static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPES = "https://lambdaloom.dev/problems/";

  Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  static Problem invalid(String detail, List<FieldError> errors) {
    return new Problem(400, TYPES + "invalid-request", "Invalid request", detail, errors, null);
  }

  static Problem malformedJson(String detail) {
    return new Problem(400, TYPES + "malformed-json", "Malformed JSON", detail, null, null);
  }

  static Problem notFound(String detail) {
    return new Problem(404, "about:blank", "Not Found", detail, null, null);
  }

  static Problem methodNotAllowed(String method, String allow) {
    return new Problem(405, "about:blank", "Method Not Allowed", method + " is not allowed here; use " + allow,
        null, Map.of("Allow", allow));
  }

  static Problem duplicateEmail(String detail) {
    return new Problem(409, TYPES + "duplicate-email", "Email already registered", detail, null, null);
  }

  static Problem stale(String detail, long currentVersion) {
    return new Problem(412, TYPES + "stale-version", "Precondition Failed", detail, null,
        Map.of("ETag", ETags.of(currentVersion)));
  }

  static Problem tooLarge(int limit) {
    return new Problem(413, "about:blank", "Content Too Large",
        "the body must be at most " + limit + " bytes", null, null);
  }

  static Problem unsupportedMediaType(String given) {
    return new Problem(415, "about:blank", "Unsupported Media Type",
        "send the body as application/json" + (given == null ? " (no Content-Type was given)" : ", not " + given),
        null, Map.of("Accept-Post", "application/json"));
  }

  static Problem preconditionRequired() {
    return new Problem(428, TYPES + "if-match-required", "Precondition Required",
        "send If-Match with the ETag of the tourist you read, so a concurrent change is not overwritten", null, null);
  }

  static Problem unavailable(int retryAfterSeconds) {
    return new Problem(503, TYPES + "database-unavailable", "Service Unavailable",
        "the database cannot be reached; try again shortly", null,
        Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
  }

  static Problem internal() {
    return new Problem(500, "about:blank", "Internal Server Error", "an unexpected error; it has been logged",
        null, null);
  }

  ApiResponse toResponse(String instance, String requestId) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Content-Type", MEDIA_TYPE);
    all.putAll(headers);
    return new ApiResponse(status, all, json(instance, requestId));
  }

  private String json(String instance, String requestId) {
    StringWriter text = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(text)) {
      g.writeStartObject();
      g.writeStringField("type", type);
      g.writeStringField("title", title);
      g.writeNumberField("status", status);
      if (detail != null) {
        g.writeStringField("detail", detail);
      }
      if (instance != null) {
        g.writeStringField("instance", instance);
      }
      if (!errors.isEmpty()) {
        g.writeArrayFieldStart("errors");
        for (FieldError error : errors) {
          g.writeStartObject();
          g.writeStringField("field", error.field());
          g.writeStringField("message", error.message());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      if (requestId != null && !requestId.isEmpty()) {
        g.writeStringField("requestId", requestId);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
