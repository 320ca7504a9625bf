package dev.lambdaloom.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads an HTTP body while counting, so an oversized payload is refused without being held whole. */
public final class PayloadReader {
  private PayloadReader() {}

  /** The whole body, or null as soon as it proves longer than {@code limit} bytes. */
  public static byte[] readAtMost(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      total += n;
      if (total > limit) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
