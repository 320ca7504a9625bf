package dev.lambdaloom.cli;

import java.util.regex.Pattern;

/** Words printed for users to paste into a POSIX shell. */
final class ShellWords {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private ShellWords() {}

  /** {@code word} as is when the shell reads it unchanged, else in single quotes. */
  static String quote(String word) {
    return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
