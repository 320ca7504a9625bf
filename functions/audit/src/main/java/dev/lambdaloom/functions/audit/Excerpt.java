package dev.lambdaloom.functions.audit;

/** How much of a bad value a log line quotes: enough to recognise it, never a whole image. */
final class Excerpt {
  private static final int LENGTH = 60;

  private Excerpt() {}

  static String of(String text) {
    return text.length() <= LENGTH ? text : text.substring(0, LENGTH) + "… (" + text.length() + " chars)";
  }
}
