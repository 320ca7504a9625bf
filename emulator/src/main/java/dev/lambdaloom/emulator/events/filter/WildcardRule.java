package dev.lambdaloom.emulator.events.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code {"wildcard": "dir/*.png"}}: {@code *} stands for any run of characters, {@code \*} for a star and
 * {@code \\} for a backslash. Matched piece by piece (first piece a prefix, last a suffix, the others found in
 * order) rather than through a regular expression, so a long value costs linear time, never backtracking.
 *
 * @param pieces the literal text between the stars; one piece more than there are stars
 */
record WildcardRule(List<String> pieces) implements Rule {

  WildcardRule {
    pieces = List.copyOf(pieces);
  }

  /** The rule for a wildcard pattern, or an {@link IllegalArgumentException} saying what is wrong with it. */
  static WildcardRule of(String pattern) {
    List<String> pieces = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    boolean starBefore = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (starBefore) {
          throw new IllegalArgumentException("wildcard '" + pattern + "' has consecutive * (one * already matches"
              + " any run of characters)");
        }
        pieces.add(piece.toString());
        piece.setLength(0);
        starBefore = true;
        continue;
      }
      starBefore = false;
      if (c == '\\') {
        if (i + 1 == pattern.length() || (pattern.charAt(i + 1) != '*' && pattern.charAt(i + 1) != '\\')) {
          throw new IllegalArgumentException("wildcard '" + pattern + "': a backslash escapes only * or \\");
        }
        c = pattern.charAt(++i);
      }
      piece.append(c);
    }
    pieces.add(piece.toString());
    return new WildcardRule(pieces);
  }

  @Override
  public boolean matches(JsonNode leaf) {
    if (!leaf.isTextual()) {
      return false;
    }
    String text = leaf.textValue();
    String first = pieces.getFirst();
    if (pieces.size() == 1) {
      return text.equals(first);
    }
    String last = pieces.getLast();
    if (text.length() < first.length() + last.length() || !text.startsWith(first) || !text.endsWith(last)) {
      return false;
    }
    int from = first.length();
    int end = text.length() - last.length();
    for (String middle : pieces.subList(1, pieces.size() - 1)) {
      int at = text.indexOf(middle, from);
      if (at < 0 || at + middle.length() > end) {
        return false;
      }
      from = at + middle.length();
    }
    return true;
  }
}
