package dev.lambdaloom.functions.tourist.adapter.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.lambdaloom.functions.tourist.domain.FieldError;
import dev.lambdaloom.functions.tourist.domain.InvalidTouristException;
import dev.lambdaloom.functions.tourist.domain.Tourist;
import dev.lambdaloom.functions.tourist.domain.TouristDetails;
import dev.lambdaloom.functions.tourist.usecase.Page;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tourist's JSON: {@code {"id","name","email","nationality","passportNumber","createdAt","updatedAt","version"}}.
 *
 * <p>Reading is strict: a field the API does not know is a 400, so a typo ("nationalty") is caught
 * instead of silently dropped. The read-only fields (id, createdAt, updatedAt, version) are
 * accepted and ignored, so a client may PUT back what it got from a GET; the version to check
 * comes from If-Match, never from the body. Duplicate keys and trailing content are malformed.
 */
final class TouristJson {
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt", "version");

  private TouristJson() {}

  /**
   * @throws MalformedJsonException when the body is not one JSON object
   * @throws InvalidTouristException listing every field error: wrong types, unknown, missing, invalid
   */
  static TouristDetails readDetails(byte[] body) {
    String name = null;
    String email = null;
    String nationality = null;
    String passportNumber = null;
    List<FieldError> errors = new ArrayList<>();
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedJsonException("the body must be a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "name" -> name = string(p, field, errors);
          case "email" -> email = string(p, field, errors);
          case "nationality" -> nationality = string(p, field, errors);
          case "passportNumber" -> passportNumber = string(p, field, errors);
          default -> {
            if (!READ_ONLY.contains(field)) {
              errors.add(new FieldError(field, "is not a field of a tourist"));
            }
            p.skipChildren();
          }
        }
      }
      if (p.nextToken() != null) {
        throw new MalformedJsonException("unexpected content after the JSON object");
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new MalformedJsonException(e.getOriginalMessage()
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      TouristDetails details = TouristDetails.of(name, email, nationality, passportNumber);
      if (errors.isEmpty()) {
        return details;
      }
    } catch (InvalidTouristException invalid) {
      // A field with a wrong type already has its error; "is required" on top would only confuse.
      Set<String> reported = new HashSet<>();
      errors.forEach(e -> reported.add(e.field()));
      invalid.errors().stream().filter(e -> !reported.contains(e.field())).forEach(errors::add);
    }
    throw new InvalidTouristException(errors);
  }

  /** A JSON string (or null); anything else is a field error. */
  private static String string(JsonParser p, String field, List<FieldError> errors) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_STRING -> p.getText();
      case VALUE_NULL -> null;
      default -> {
        errors.add(new FieldError(field, "must be a string"));
        p.skipChildren();
        yield null;
      }
    };
  }

  static String write(Tourist tourist) {
    StringWriter text = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(text)) {
      write(g, tourist);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** {@code {"items":[...],"nextCursor":"..." or null}}, with {@code nextCursor} the next page's token. */
  static String write(Page page, String nextCursor) {
    StringWriter text = new StringWriter(256 * (page.items().size() + 1));
    try (JsonGenerator g = JSON.createGenerator(text)) {
      g.writeStartObject();
      g.writeArrayFieldStart("items");
      for (Tourist tourist : page.items()) {
        write(g, tourist);
      }
      g.writeEndArray();
      if (nextCursor == null) {
        g.writeNullField("nextCursor");
      } else {
        g.writeStringField("nextCursor", nextCursor);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void write(JsonGenerator g, Tourist tourist) throws IOException {
    TouristDetails d = tourist.details();
    g.writeStartObject();
    g.writeStringField("id", tourist.id().toString());
    g.writeStringField("name", d.name());
    g.writeStringField("email", d.email());
    g.writeStringField("nationality", d.nationality());
    if (d.passportNumber() == null) {
      g.writeNullField("passportNumber");
    } else {
      g.writeStringField("passportNumber", d.passportNumber());
    }
    g.writeStringField("createdAt", tourist.createdAt().toString());
    g.writeStringField("updatedAt", tourist.updatedAt().toString());
    g.writeNumberField("version", tourist.version());
    g.writeEndObject();
  }
}
