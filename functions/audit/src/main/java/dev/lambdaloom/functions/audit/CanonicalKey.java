package dev.lambdaloom.functions.audit;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * An item's primary key as one string, the same however the stream orders or spells it:
 * {@code name=TYPE:value} per key attribute, sorted by name, joined by commas, such as
 * {@code StartTime=S:2026-01-01T00:00:00.000000001Z,WorkerId=N:17} for a Workers item.
 *
 * <ul>
 *   <li>Names and values are percent-encoded (UTF-8) except letters, digits and {@code - . _ ~ :}, so {@code = , /}
 *       and {@code %} only ever appear as separators or escapes: two different keys never render alike, and the
 *       text is one path segment of an S3 key.
 *   <li>A number is written in its plain form without trailing zeros ({@code 1.50} and {@code 15E-1} are
 *       {@code 1.5}): DynamoDB treats them as the same key value, so they must give the same string.
 *   <li>Binary is base64 (then percent-encoded).
 * </ul>
 *
 * <p>Key attributes are S, N or B (DynamoDB allows no other key type); anything else is a {@link BadRecordException}.
 *
 * @param text the full rendering
 */
record CanonicalKey(String text) {
  /**
   * The longest rendering used as it is in the audit item's partition key and the archive's S3 key; longer ones are
   * replaced there by their SHA-256. DynamoDB allows 2,048 bytes in a partition key and S3 1,024 in an object key,
   * which also holds the prefix, the table name (up to 255) and the sequence number.
   */
  static final int MAX_SEGMENT_BYTES = 512;
  /** DynamoDB's number range: magnitudes from 1E-130 to below 1E+126. */
  private static final int MAX_EXPONENT = 126;
  private static final int MIN_EXPONENT = -130;

  static CanonicalKey of(Map<String, AttributeValue> keys) throws BadRecordException {
    if (keys == null || keys.isEmpty()) throw new BadRecordException("no Keys");
    StringJoiner text = new StringJoiner(",");
    for (var entry : new TreeMap<>(keys).entrySet()) {
      String name = entry.getKey();
      AttributeValue value = entry.getValue();
      AttributeType type = AttributeType.of(value, "Keys." + name);
      String rendered = switch (type) {
        case S -> value.getS();
        case N -> plainNumber(value.getN(), name);
        case B -> ImageJson.base64(value.getB());
        case BOOL, NULL, SS, NS, BS, L, M -> throw new BadRecordException(
            "key attribute " + name + " is " + type + ", not S, N or B, the only types DynamoDB allows in a key");
      };
      text.add(encode(name) + "=" + type + ":" + encode(rendered));
    }
    return new CanonicalKey(text.toString());
  }

  /** The text, or {@code sha256-<hex of the text>} when it is over {@link #MAX_SEGMENT_BYTES}. */
  String segment() {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_SEGMENT_BYTES) return text;
    try {
      return "sha256-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String plainNumber(String text, String name) throws BadRecordException {
    BigDecimal number;
    try {
      number = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new BadRecordException("key attribute " + name + " is an N that is not a number: '" + Excerpt.of(text) + "'", e);
    }
    if (number.signum() == 0) return "0";
    long exponent = (long) number.precision() - number.scale() - 1;
    if (exponent >= MAX_EXPONENT || exponent < MIN_EXPONENT) {
      throw new BadRecordException("key attribute " + name + " is a number outside DynamoDB's range: '" + Excerpt.of(text) + "'");
    }
    return number.stripTrailingZeros().toPlainString();
  }

  private static String encode(String text) {
    StringBuilder encoded = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~:".indexOf(c) >= 0) {
        encoded.append(c);
      } else {
        encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
      }
    }
    return encoded.toString();
  }
}
