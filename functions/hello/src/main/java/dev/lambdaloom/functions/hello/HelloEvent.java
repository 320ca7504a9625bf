package dev.lambdaloom.functions.hello;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;

/** Hello's event, {@code {"name": "Ada"}}: only the name is read; other fields are skipped whatever they hold. */
final class HelloEvent {
  private HelloEvent() {
  }

  /** The name as text (a number or a boolean too), or null when the event or its name is missing or null. */
  static String name(JsonFactory json, InputStream event) throws IOException {
    try (JsonParser parser = json.createParser(event)) {
      JsonToken first = parser.nextToken();
      if (first == null || first == JsonToken.VALUE_NULL) {
        return null; // no event at all, as a RequestHandler would see null
      }
      if (first != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("hello's event must be a JSON object such as {\"name\": \"Ada\"}, got "
            + describe(first));
      }
      String name = null;
      for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("name")) {
          name = switch (value) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> parser.getText();
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("hello's \"name\" must be a string, got " + describe(value));
          };
        } else {
          parser.skipChildren();
        }
      }
      return name;
    }
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      default -> token.asString() == null ? token.name() : token.asString();
    };
  }
}
