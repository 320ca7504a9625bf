package dev.lambdaloom.functions.tourist.adapter.http;

/** A tourist's version as a strong entity tag, and back from If-Match / If-None-Match. */
final class ETags {
  /** If-Match: * (any current version). */
  static final long ANY = Long.MIN_VALUE;
  /** A tag no version has: a weak or foreign tag, which a strong comparison never matches. */
  static final long NONE = -1;

  private ETags() {}

  static String of(long version) {
    return "\"" + version + "\"";
  }

  /** The version the first strong tag of a header names; {@link #ANY} for *, {@link #NONE} when none does. */
  static long parse(String header) {
    String value = header.strip();
    if (value.equals("*")) {
      return ANY;
    }
    for (String tag : value.split(",")) {
      String t = tag.strip();
      if (t.length() > 2 && t.startsWith("\"") && t.endsWith("\"")) {
        String digits = t.substring(1, t.length() - 1);
        if (digits.length() <= 18 && digits.chars().allMatch(Character::isDigit)) {
          return Long.parseLong(digits);
        }
      }
    }
    return NONE;
  }
}
