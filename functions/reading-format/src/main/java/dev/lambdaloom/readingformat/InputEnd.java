package dev.lambdaloom.readingformat;

/**
 * The end of a document's bytes, as far as they were read. Jackson reports some inputs that stop mid-token (a bare
 * {@code tr}, a {@code 1.}, a dangling comma) as syntax errors rather than as an early end; looking at what follows the
 * error's position tells the two apart.
 */
interface InputEnd {
  /** Longest tail worth keeping: unfinished literals and number endings are a few bytes. */
  int MAX_TAIL = 16;

  /**
   * The input's bytes from {@code offset} to its end, or null when its end was not reached (a stream still open) or
   * the tail is longer than {@link #MAX_TAIL}.
   */
  byte[] tailFrom(long offset);

  /**
   * Whether {@code tail}, the input from a syntax error to its end, could be the start of something valid: nothing
   * but whitespace, a proper prefix of {@code true}, {@code false} or {@code null}, or the inside of a number.
   */
  static boolean isUnfinished(byte[] tail) {
    int end = tail.length;
    while (end > 0 && isWhitespace(tail[end - 1])) end--;
    if (end == 0) return true;
    String token = new String(tail, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
    if (isProperPrefix(token, "true") || isProperPrefix(token, "false") || isProperPrefix(token, "null")) return true;
    for (int i = 0; i < end; i++) {
      byte b = tail[i];
      if (!((b >= '0' && b <= '9') || b == '.' || b == 'e' || b == 'E' || b == '+' || b == '-')) return false;
    }
    return true;
  }

  private static boolean isProperPrefix(String token, String literal) {
    return token.length() < literal.length() && literal.startsWith(token);
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }
}
