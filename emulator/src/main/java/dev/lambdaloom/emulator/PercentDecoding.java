package dev.lambdaloom.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of URL parts that refuses what it cannot decode instead of guessing: a {@code %} not followed by two
 * hex digits, or escapes whose bytes are not UTF-8. (The JDK's HTTP server already refuses a request line with a
 * malformed escape; bytes that are not UTF-8 get through to here.)
 */
public final class PercentDecoding {
  private PercentDecoding() {}

  /** A URL part with a malformed escape. */
  public static final class MalformedEscapeException extends IllegalArgumentException {
    MalformedEscapeException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A path segment: {@code +} stays a plus. */
  public static String pathSegment(String raw) {
    return decode(raw, false);
  }

  /** A query string's name or value, form-encoded: {@code +} is a space. */
  public static String queryPart(String raw) {
    return decode(raw, true);
  }

  /** Throws MalformedEscapeException when any part of {@code raw} (a path or query) cannot be decoded. */
  public static void check(String raw) {
    decode(raw, false);
  }

  private static String decode(String raw, boolean plusIsSpace) {
    if (raw.indexOf('%') < 0) {
      return plusIsSpace ? raw.replace('+', ' ') : raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); ) {
      int c = raw.codePointAt(i);
      if (c == '%') {
        int high = i + 2 < raw.length() ? hex(raw.charAt(i + 1)) : -1;
        int low = high >= 0 ? hex(raw.charAt(i + 2)) : -1;
        if (low < 0) {
          throw new MalformedEscapeException("malformed percent escape at index " + i + " of '" + raw
              + "': % must be followed by two hex digits", null);
        }
        bytes.write(high << 4 | low);
        i += 3;
      } else {
        bytes.writeBytes((c == '+' && plusIsSpace ? " " : Character.toString(c)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(c);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedEscapeException("the percent escapes of '" + raw + "' are not UTF-8", e);
    }
  }

  /** ASCII hex digits only: Character.digit would also take other scripts' digits. */
  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
      return (c | 0x20) - 'a' + 10;
    }
    return -1;
  }
}
