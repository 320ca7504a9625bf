package dev.lambdaloom.bench.s3probe;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set of equally sized objects under a prefix of its own, each body filler with a known number of needles (0 to 2,
 * by the object's index), so that a run's {@code matches} can be checked, not just counted.
 *
 * @param objects how many objects
 * @param objectBytes the size of each
 */
public record Dataset(int objects, int objectBytes) {
  static final String NEEDLE = "LOOMNEEDLE";
  private static final Pattern SPEC = Pattern.compile("(\\d+)x(\\d+)(KB|MB)", Pattern.CASE_INSENSITIVE);

  public Dataset {
    if (objects < 1) throw new IllegalArgumentException("a dataset has at least one object, not " + objects);
    if (objectBytes < 2 * NEEDLE.length()) {
      throw new IllegalArgumentException("objects of at least " + 2 * NEEDLE.length() + " bytes, not " + objectBytes);
    }
  }

  /** {@code 1000x10KB}, {@code 100x1MB}. */
  public static Dataset parse(String spec) {
    Matcher m = SPEC.matcher(spec.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("a dataset is OBJECTSxSIZE with SIZE in KB or MB (1000x10KB), not '" + spec
          + "'");
    }
    int unit = m.group(3).equalsIgnoreCase("KB") ? 1024 : 1024 * 1024;
    return new Dataset(Integer.parseInt(m.group(1)), Math.multiplyExact(Integer.parseInt(m.group(2)), unit));
  }

  String label() {
    return String.format(Locale.ROOT, "%,d x %s", objects, sizeLabel());
  }

  String sizeLabel() {
    return objectBytes % (1024 * 1024) == 0 ? objectBytes / (1024 * 1024) + " MB" : objectBytes / 1024 + " KB";
  }

  String prefix() {
    return "n" + objects + "-s" + objectBytes + "/";
  }

  String key(int index) {
    return prefix() + String.format(Locale.ROOT, "%06d", index);
  }

  long totalBytes() {
    return (long) objects * objectBytes;
  }

  static int needlesIn(int index) {
    return index % 3;
  }

  long expectedMatches() {
    long total = 0;
    for (int i = 0; i < objects; i++) total += needlesIn(i);
    return total;
  }

  /** Object {@code index}'s body: dots, one needle at the start if it has any, a second at the very end. */
  byte[] body(int index) {
    byte[] body = new byte[objectBytes];
    Arrays.fill(body, (byte) '.');
    byte[] needle = NEEDLE.getBytes(StandardCharsets.US_ASCII);
    if (needlesIn(index) >= 1) System.arraycopy(needle, 0, body, 0, needle.length);
    if (needlesIn(index) >= 2) System.arraycopy(needle, 0, body, objectBytes - needle.length, needle.length);
    return body;
  }
}
