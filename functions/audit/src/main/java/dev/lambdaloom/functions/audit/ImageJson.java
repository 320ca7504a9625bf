package dev.lambdaloom.functions.audit;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes a DynamoDB image (attribute name to typed value, as the stream delivers it) as plain JSON: S a string, N the
 * number exactly as DynamoDB wrote it (no rounding through double), B base64, BOOL a boolean, NULL null, L an array,
 * M an object, SS, NS and BS arrays of those. Attribute names are written in sorted order, so the same image always
 * gives the same text (an archived object rewritten on redelivery is byte-for-byte the same).
 *
 * <p>A value with no type or with two types, and an N that is not a JSON number, is a {@link BadRecordException}
 * naming the attribute's path: writing it anyway would store something DynamoDB never held.
 */
final class ImageJson {
  static final JsonFactory JSON = JsonFactory.builder().build();
  private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private ImageJson() {}

  /** The image as one JSON object's text. */
  static String render(Map<String, AttributeValue> image) throws BadRecordException {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      writeMap(json, image, "");
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a string failed", e); // no I/O happens
    }
    return text.toString();
  }

  private static void writeMap(JsonGenerator json, Map<String, AttributeValue> map, String path)
      throws IOException, BadRecordException {
    json.writeStartObject();
    for (var entry : new TreeMap<>(map).entrySet()) {
      json.writeFieldName(entry.getKey());
      write(json, entry.getValue(), path.isEmpty() ? entry.getKey() : path + "." + entry.getKey());
    }
    json.writeEndObject();
  }

  private static void write(JsonGenerator json, AttributeValue value, String path) throws IOException, BadRecordException {
    switch (AttributeType.of(value, path)) {
      case S -> json.writeString(value.getS());
      case N -> json.writeNumber(number(value.getN(), path));
      case B -> json.writeString(base64(value.getB()));
      case BOOL -> json.writeBoolean(value.getBOOL());
      case NULL -> {
        if (!value.getNULL()) throw new BadRecordException("attribute " + path + " is NULL: false (only NULL: true exists)");
        json.writeNull();
      }
      case SS -> {
        json.writeStartArray();
        for (String s : value.getSS()) json.writeString(present(s, path));
        json.writeEndArray();
      }
      case NS -> {
        json.writeStartArray();
        for (String n : value.getNS()) json.writeNumber(number(n, path));
        json.writeEndArray();
      }
      case BS -> {
        json.writeStartArray();
        for (ByteBuffer b : value.getBS()) json.writeString(base64(present(b, path)));
        json.writeEndArray();
      }
      case L -> {
        json.writeStartArray();
        List<AttributeValue> list = value.getL();
        for (int i = 0; i < list.size(); i++) write(json, list.get(i), path + "[" + i + "]");
        json.writeEndArray();
      }
      case M -> writeMap(json, value.getM(), path);
    }
  }

  /** A set never holds null; a deserialiser that produced one was handed a broken record. */
  private static <T> T present(T element, String path) throws BadRecordException {
    if (element == null) throw new BadRecordException("attribute " + path + " is a set with a null element");
    return element;
  }

  private static String number(String text, String path) throws BadRecordException {
    if (text == null || !JSON_NUMBER.matcher(text).matches()) {
      throw new BadRecordException("attribute " + path + " is an N that is not a number: '" + Excerpt.of(String.valueOf(text)) + "'");
    }
    return text;
  }

  /** Base64 of the buffer's remaining bytes; the buffer itself is not moved (it may be read again). */
  static String base64(ByteBuffer bytes) {
    byte[] copy = new byte[bytes.remaining()];
    bytes.duplicate().get(copy);
    return Base64.getEncoder().encodeToString(copy);
  }
}
