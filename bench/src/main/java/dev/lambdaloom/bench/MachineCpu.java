package dev.lambdaloom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A reading of how much processor time the whole machine has spent, from Linux's {@code /proc/stat}. Two readings
 * tell how busy every processor was in between: when a benchmark's function, its emulator and the services it
 * calls share one machine, that is what bounds the speedup any setting can show. Elsewhere readings are empty and
 * shares are NaN.
 *
 * @param busyTicks time spent working (user, nice, system, irq, softirq, steal), in clock ticks
 * @param totalTicks the same plus idle and iowait
 */
public record MachineCpu(long busyTicks, long totalTicks) {
  private static final Path STAT = Path.of("/proc/stat");

  /** Reads the counters now; empty (zeros) where there is no {@code /proc/stat}. */
  public static MachineCpu now() {
    try {
      for (String line : Files.readAllLines(STAT)) {
        if (line.startsWith("cpu ")) return parse(line);
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable: no figure rather than a wrong one
    }
    return new MachineCpu(0, 0);
  }

  /** Parses the aggregate {@code cpu} line: user nice system idle iowait irq softirq steal [guest guest_nice]. */
  static MachineCpu parse(String line) {
    String[] f = line.trim().split("\\s+");
    long[] v = new long[8];
    for (int i = 0; i < v.length && i + 1 < f.length; i++) v[i] = Long.parseLong(f[i + 1]);
    long idle = v[3] + v[4];
    long busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7]; // guest time is already counted in user
    return new MachineCpu(busy, busy + idle);
  }

  /** The share of all processors' time spent working since {@code earlier}, 0 to 1; NaN without readings. */
  public double busyShareSince(MachineCpu earlier) {
    long total = totalTicks - earlier.totalTicks;
    return total <= 0 || earlier.totalTicks == 0 ? Double.NaN : (double) (busyTicks - earlier.busyTicks) / total;
  }
}
