package dev.lambdaloom.readingformat;

/**
 * Why a document was rejected. Each malformed kind has its own reason, so rejections can be counted
 * and alerted on by {@link #code()}; the human detail lives in {@link Rejection#detail()}.
 */
public enum RejectReason {
  /** The document ends before it is complete, or is empty. */
  TRUNCATED("truncated"),
  /** The bytes are not well-formed JSON. */
  NOT_JSON("not_json"),
  /** The document is JSON but not an object. */
  NOT_AN_OBJECT("not_an_object"),
  MISSING_DATETIME("missing_datetime"),
  MISSING_VALUES("missing_values"),
  NULL_DATETIME("null_datetime"),
  NULL_VALUES("null_values"),
  DATETIME_NOT_STRING("datetime_not_string"),
  VALUES_NOT_ARRAY("values_not_array"),
  /** A string, boolean, null, array or object where an integer belongs. */
  VALUE_NOT_INTEGER("value_not_integer"),
  /** A number with a fraction or an exponent ({@code 1.0}, {@code 1e3}): not an int64 literal, even if whole. */
  VALUE_FRACTIONAL("value_fractional"),
  /** An integer outside the int64 range. */
  VALUE_OUT_OF_RANGE("value_out_of_range"),
  /** The datetime is a string, but not an ISO-8601 local date-time with an optional offset. */
  DATETIME_NOT_ISO8601("datetime_not_iso8601"),
  /** A top-level field other than {@code datetime} and {@code values}. */
  UNEXPECTED_FIELD("unexpected_field"),
  DUPLICATE_FIELD("duplicate_field"),
  EMPTY_VALUES("empty_values"),
  /** Anything but whitespace after the document's closing brace. */
  TRAILING_CONTENT("trailing_content"),
  /** Over the byte or value-count limit of {@link ReadingLimits}. */
  TOO_LARGE("too_large");

  private final String code;

  RejectReason(String code) {
    this.code = code;
  }

  /** The stable, machine-readable name, for logs and metrics. */
  public String code() {
    return code;
  }
}
