package dev.lambdaloom.services.s3;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, to say why a child process did not come up. */
final class LogTail {
  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  /** What the file holds beyond its first {@code offset} bytes (its last 64 KB of that at most). */
  static String after(Path file, long offset) {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      long from = Math.max(offset, length - MAX_BYTES);
      if (from >= length) {
        return "";
      }
      byte[] bytes = new byte[(int) (length - from)];
      raf.seek(from);
      raf.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  static String of(Path file, int lines) {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      int size = (int) Math.min(length, MAX_BYTES);
      byte[] bytes = new byte[size];
      raf.seek(length - size);
      raf.readFully(bytes);
      List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
