package dev.lambdaloom.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident memory of a process and its children, from Linux's /proc (VmHWM). */
final class ProcessMemory {
  private ProcessMemory() {}

  /** Bytes; 0 where /proc is not readable (not Linux, or the process is gone). */
  static long peakResidentBytes(ProcessHandle process) {
    long total = peakOf(process.pid());
    for (ProcessHandle child : process.descendants().toList()) {
      total += peakOf(child.pid());
    }
    return total;
  }

  private static long peakOf(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
