package dev.lambdaloom.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTest {
  @Test
  void writesLambdasLineAndBillsInitSinceAugust2025() {
    Report cold = Report.of("id-1", 41_420_000, 221_460_000L, 512, 61_900_000, EndStatus.ANSWERED, null);

    assertThat(cold.line()).isEqualTo("REPORT RequestId: id-1\tDuration: 41.42 ms\tBilled Duration: 263 ms"
        + "\tMemory Size: 512 MB\tMax Memory Used: 59 MB\tInit Duration: 221.46 ms\t");
    Report timeout = Report.of("id-2", 3_000_400_000L, null, 128, 50L << 20, EndStatus.TIMEOUT, null);
    assertThat(timeout.line()).isEqualTo("REPORT RequestId: id-2\tDuration: 3000.40 ms\tBilled Duration: 3001 ms"
        + "\tMemory Size: 128 MB\tMax Memory Used: 50 MB\tStatus: timeout\t");
    Report oom = Report.of("id-3", 900_000, null, 256, 10L << 20, EndStatus.ERROR, "Runtime.OutOfMemory");
    assertThat(oom.line()).endsWith("\tBilled Duration: 1 ms\tMemory Size: 256 MB\tMax Memory Used: 256 MB"
        + "\tStatus: error\tError Type: Runtime.OutOfMemory\t");
  }

  @Test
  void readsLinesBackIncludingOnesWrittenByLambda() {
    for (Report report : new Report[] {
        Report.of("a", 1_234_000, 99_000_000L, 512, 80L << 20, EndStatus.ANSWERED, null),
        Report.of("b", 3_000_000_000L, null, 128, 50L << 20, EndStatus.TIMEOUT, null),
        Report.of("c", 5_000_000, null, 256, 0, EndStatus.ERROR, "Runtime.ExitError")}) {
      assertThat(Report.parse(report.line())).contains(report);
    }
    String fromCloudWatch = "REPORT RequestId: 314220ad-40f4-4204-843c-713576ded59a\tDuration: 544.92 ms"
        + "\tBilled Duration: 545 ms\tMemory Size: 2048 MB\tMax Memory Used: 174 MB\tInit Duration: 1494.57 ms\t";
    assertThat(Report.parse(fromCloudWatch)).hasValueSatisfying(r -> {
      assertThat(r.durationMs()).isEqualTo(544.92);
      assertThat(r.initDurationMs()).isEqualTo(1494.57);
      assertThat(r.maxMemoryUsedMb()).isEqualTo(174);
    });
    assertThat(Report.parse("START RequestId: x Version: $LATEST")).isEmpty();
  }
}
