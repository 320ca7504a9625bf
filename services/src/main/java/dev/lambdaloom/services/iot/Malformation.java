package dev.lambdaloom.services.iot;

/**
 * How a document can be broken. A reading chosen to be malformed serves the same broken document on
 * every attempt (status 200): retrying does not help.
 */
public enum Malformation {
  /** The document cut off somewhere in the middle of the values (Content-Length matches the cut). */
  TRUNCATED_JSON,
  /** An HTML error page from a proxy, with status 200 and {@code Content-Type: text/html}. */
  NOT_JSON,
  /** No {@code datetime} field. */
  MISSING_DATETIME,
  /** No {@code values} field. */
  MISSING_VALUES,
  /** {@code "datetime": null}. */
  NULL_DATETIME,
  /** {@code "values": null}. */
  NULL_VALUES,
  /**
   * One of: {@code values} as a string of comma-separated numbers, one value as a string inside the
   * list, or {@code datetime} as epoch milliseconds (a number).
   */
  WRONG_TYPES,
  /** One value above Long.MAX_VALUE (9223372036854775808 or a little more). */
  VALUE_OUT_OF_INT64,
  /** One value with a fraction, like 12.5. */
  FRACTIONAL_VALUE,
  /** {@code datetime} as "27/01/2020 07:07" instead of ISO-8601. */
  DATETIME_NOT_ISO,
  /** An unexpected extra top-level field ({@code "firmware"}) beside valid datetime and values. */
  EXTRA_FIELD,
  /** {@code "values": []}. */
  EMPTY_VALUES,
  /** A well-formed document with far more values than any real one (the options' hugeValues, default 300,000). */
  HUGE_DOCUMENT
}
