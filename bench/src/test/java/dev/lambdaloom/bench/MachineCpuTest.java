package dev.lambdaloom.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MachineCpuTest {

  @Test
  void idleAndIowaitAreNotWorkAndGuestTimeIsNotCountedTwice() {
    // user nice system idle iowait irq softirq steal guest guest_nice
    MachineCpu before = MachineCpu.parse("cpu  100 0 50 800 50 0 0 0 30 0");
    MachineCpu after = MachineCpu.parse("cpu  400 0 150 1100 50 0 0 0 90 0");

    assertThat(before).isEqualTo(new MachineCpu(150, 1000));
    assertThat(after.busyShareSince(before)).isCloseTo(400.0 / 700, within(1e-9));
  }

  @Test
  void withoutReadingsThereIsNoShare() {
    assertThat(new MachineCpu(0, 0).busyShareSince(new MachineCpu(0, 0))).isNaN();
    assertThat(MachineCpu.parse("cpu  1 0 1 8 0 0 0 0").busyShareSince(new MachineCpu(0, 0))).isNaN();
  }

  @Test
  void aBusyThreadShowsOnThisMachine() {
    assumeTrue(Files.isReadable(Path.of("/proc/stat")), "Linux only");
    MachineCpu start = MachineCpu.now();
    long spin = System.nanoTime() + 300_000_000L;
    long sink = 0;
    while (System.nanoTime() < spin) sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
    double share = MachineCpu.now().busyShareSince(start);

    // Some work was seen (a spinning thread), never more than all processors' time.
    assertThat(share).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
    assertThat(sink).isNotNegative();
  }
}
