package dev.lambdaloom.functions.hello;

/** Builds the greeting; kept apart from the handler so it is plain code. */
final class Greeting {
  private static final int MAX_NAME_LENGTH = 64;

  private Greeting() {}

  static String of(String name) {
    if (name == null || name.isBlank()) {
      return "Hello from Lambdaloom!";
    }
    String trimmed = name.strip();
    if (trimmed.length() > MAX_NAME_LENGTH) {
      trimmed = trimmed.substring(0, MAX_NAME_LENGTH) + "…";
    }
    return "Hello, " + trimmed + "!";
  }
}
