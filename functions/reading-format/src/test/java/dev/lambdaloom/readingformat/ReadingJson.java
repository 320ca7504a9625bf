package dev.lambdaloom.readingformat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Builds reading documents as the IoT API serves them, for tests and the sample writer. */
public final class ReadingJson {
  private ReadingJson() {}

  public static byte[] of(String datetime, long... values) {
    StringBuilder json = new StringBuilder(32 + values.length * 8);
    json.append("{\"datetime\": \"").append(datetime).append("\", \"values\": [");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) json.append(", ");
      json.append(values[i]);
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] of(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** Values like the API's: non-negative, up to six digits, reproducible from {@code seed}. */
  public static long[] sensorValues(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] values = new long[count];
    for (int i = 0; i < count; i++) {
      values[i] = random.nextLong(100_000);
    }
    return values;
  }

  /** A distinct, valid timestamp per index. */
  public static String datetime(int index) {
    return String.format("2020-01-27T%02d:%02d:%02d.%06d", index / 3600 % 24, index / 60 % 60, index % 60, index);
  }
}
