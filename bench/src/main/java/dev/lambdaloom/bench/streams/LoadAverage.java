package dev.lambdaloom.bench.streams;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load averages (1, 5, 15 minutes), for the report: other work on the machine slows every figure. */
final class LoadAverage {
  private static final Path LOADAVG = Path.of("/proc/loadavg");

  private LoadAverage() {}

  /** "9.00 11.31 14.17", or "unknown" where /proc/loadavg is not there. */
  static String read() {
    try {
      String[] fields = Files.readString(LOADAVG).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
