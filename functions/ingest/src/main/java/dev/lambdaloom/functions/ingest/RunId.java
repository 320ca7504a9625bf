package dev.lambdaloom.functions.ingest;

import java.util.regex.Pattern;

/**
 * The key segment that names one job's objects, {@code <keyPrefix><run>/<call>...}: the same for every attempt of an
 * invocation, so a retry overwrites instead of adding a second set. A Lambda request id (a UUID) or a Step Functions
 * execution name made of letters, digits, '.', '_' and '-' (the default names are UUIDs).
 */
record RunId(String value) {
  /** Step Functions allows execution names of up to 80 characters. */
  static final int MAX_LENGTH = 80;
  /** Characters S3 documents as safe in keys, without the ones that need care in URLs and shells. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

  RunId {
    if (!valid(value)) {
      throw invalid("a run id", value);
    }
  }

  /** {@code value} checked, or an error naming where it came from and what is accepted. */
  static RunId of(String value, String origin) {
    if (!valid(value)) {
      throw invalid(origin, value);
    }
    return new RunId(value);
  }

  private static boolean valid(String value) {
    return value != null && SAFE.matcher(value).matches();
  }

  private static IllegalArgumentException invalid(String origin, String value) {
    return new IllegalArgumentException(origin + " must be 1 to " + MAX_LENGTH + " letters, digits, '.', '_' or '-', "
        + "starting with a letter or digit (it names the run in S3 keys), not '" + value + "'");
  }

  @Override
  public String toString() {
    return value;
  }
}
