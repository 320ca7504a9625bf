package dev.lambdaloom.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

  private static final long MS = 1_000_000;

  @Test
  void percentilesOfOneToOneThousandMilliseconds() {
    LatencyRecorder recorder = new LatencyRecorder();
    for (long ms = 1; ms <= 1000; ms++) {
      recorder.record(ms * MS);
    }

    LatencySummary summary = recorder.summary();

    // HdrHistogram with 3 significant digits: every figure within 0.1% of the exact one.
    assertThat(summary.count()).isEqualTo(1000);
    assertThat(summary.min()).isCloseTo(1, withinPercentage(0.1));
    assertThat(summary.mean()).isCloseTo(500.5, withinPercentage(0.1));
    assertThat(summary.p50()).isCloseTo(500, withinPercentage(0.1));
    assertThat(summary.p90()).isCloseTo(900, withinPercentage(0.1));
    assertThat(summary.p99()).isCloseTo(990, withinPercentage(0.1));
    assertThat(summary.p999()).isCloseTo(999, withinPercentage(0.1));
    assertThat(summary.max()).isCloseTo(1000, withinPercentage(0.1));
  }

  @Test
  void durationsAndNanosAreTheSameThing() {
    LatencyRecorder recorder = new LatencyRecorder();
    recorder.record(Duration.ofMillis(250));
    recorder.record(250 * MS);

    LatencySummary summary = recorder.summary();

    assertThat(summary.count()).isEqualTo(2);
    assertThat(summary.min()).isCloseTo(250, withinPercentage(0.1));
    assertThat(summary.max()).isCloseTo(250, withinPercentage(0.1));
  }

  @Test
  void aSummaryCoversEverythingRecordedSoFarNotJustSinceTheLastOne() {
    LatencyRecorder recorder = new LatencyRecorder();
    recorder.record(10 * MS);
    assertThat(recorder.summary().count()).isEqualTo(1);

    recorder.record(30 * MS);
    LatencySummary summary = recorder.summary();

    assertThat(summary.count()).isEqualTo(2);
    assertThat(summary.min()).isCloseTo(10, withinPercentage(0.1));
    assertThat(summary.max()).isCloseTo(30, withinPercentage(0.1));
    assertThat(summary.mean()).isCloseTo(20, withinPercentage(0.1));
  }

  @Test
  void manyVirtualThreadsLoseNoRecording() throws Exception {
    LatencyRecorder recorder = new LatencyRecorder();
    int threads = 1000;
    int perThread = 1000;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < threads; t++) {
        futures.add(executor.submit(() -> {
          go.await();
          for (int i = 1; i <= perThread; i++) {
            recorder.record(i * MS);
          }
          return null;
        }));
      }
      go.countDown();
      // Summaries while recording goes on must neither fail nor lose values.
      for (int i = 0; i < 20; i++) {
        assertThat(recorder.summary().count()).isBetween(0L, (long) threads * perThread);
      }
      for (Future<?> future : futures) {
        future.get(1, TimeUnit.MINUTES);
      }
    }

    LatencySummary summary = recorder.summary();

    assertThat(summary.count()).isEqualTo((long) threads * perThread);
    assertThat(summary.p50()).isCloseTo(500, withinPercentage(0.1));
    assertThat(summary.max()).isCloseTo(1000, withinPercentage(0.1));
  }

  @Test
  void anEmptyRecorderSummarizesToZerosNotNaN() {
    LatencySummary summary = new LatencyRecorder().summary();

    assertThat(summary).isEqualTo(new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void durationsLongerThanAnHourCountAsAnHour() {
    LatencyRecorder recorder = new LatencyRecorder();
    recorder.record(Duration.ofHours(3));

    assertThat(recorder.summary().max()).isCloseTo(3_600_000, withinPercentage(0.1));
  }

  @Test
  void aNegativeDurationIsAMistake() {
    assertThatThrownBy(() -> new LatencyRecorder().record(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void summaryOfASmallSample() {
    LatencySummary summary = LatencySummary.of(2 * MS, 4 * MS, 6 * MS);

    assertThat(summary.count()).isEqualTo(3);
    assertThat(summary.min()).isCloseTo(2, withinPercentage(0.1));
    assertThat(summary.mean()).isCloseTo(4, withinPercentage(0.1));
    assertThat(summary.p50()).isCloseTo(4, withinPercentage(0.1));
    assertThat(summary.max()).isCloseTo(6, withinPercentage(0.1));
    assertThat(LatencySummary.of(500).p50()).isCloseTo(0.0005, within(1e-9));
  }
}
