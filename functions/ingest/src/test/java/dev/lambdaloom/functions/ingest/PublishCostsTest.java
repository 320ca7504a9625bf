package dev.lambdaloom.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.core.InvalidSettingException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the time kept back for publishing follows what was measured, and the CPU share Lambda gives. */
class PublishCostsTest {
  private static final long MS = 1_000_000;
  private static final PublishCosts.CpuCosts CPU = new PublishCosts.CpuCosts(
      new PublishCosts.Encoding(20, 2 * MS, MS / 10), new PublishCosts.Uploads(1, 4 * MS));
  private static final Backlog PARQUET_OF_2_MB = Backlog.NOTHING.plusEncoding(1_000_000).plusUpload(2_000_000)
      .plusRequests(2);

  @Test
  void theSameWorkTakesLongerOnASmallerCpuShare() {
    Duration wholeVcpu = new PublishCosts(1.0, CPU).estimate(PARQUET_OF_2_MB);
    Duration at512Mb = new PublishCosts(512 / 1769.0, CPU).estimate(PARQUET_OF_2_MB);

    // 2 ms + 1 MB x 20 ns to encode, 2 MB x 1 ns to upload, 2 requests x 4 ms: 32 ms of CPU on a whole vCPU.
    assertThat(wholeVcpu).isEqualTo(Duration.ofMillis(32));
    assertThat(at512Mb.toNanos() / (double) wholeVcpu.toNanos()).isCloseTo(1769 / 512.0, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void measuredRequestsCountWithTheirWorstRecentSample() {
    PublishCosts costs = new PublishCosts(1.0, PublishCosts.CpuCosts.UNKNOWN);
    costs.request(0, 50 * MS);
    costs.request(0, 20 * MS);
    costs.request(1_000_000, 150 * MS); // 130 ms beyond the quickest request for 1 MB: 130 ns per byte

    Backlog upload = Backlog.NOTHING.plusUpload(2_000_000).plusRequests(2);
    assertThat(costs.knowsUploadRate()).isTrue();
    assertThat(costs.estimate(upload)).isEqualTo(Duration.ofMillis(2 * 50 + 260));
    assertThat(costs.reserve(upload)).isEqualTo(Duration.ofMillis((long) (360 * PublishCosts.SAFETY)));
  }

  @Test
  void aSlowSpellCountsUntilNewerSamplesReplaceItButASingleOutlierDoesNot() {
    PublishCosts costs = new PublishCosts(1.0, PublishCosts.CpuCosts.UNKNOWN);
    Backlog oneRequest = Backlog.NOTHING.plusRequests(1);
    costs.request(0, 900 * MS);
    costs.request(0, 800 * MS);
    for (int i = 0; i < 6; i++) {
      costs.request(0, 10 * MS);
    }
    assertThat(costs.estimate(oneRequest)).isEqualTo(Duration.ofMillis(800));
    costs.request(0, 10 * MS);
    assertThat(costs.estimate(oneRequest)).as("the 900 ms sample is gone, the 800 ms one alone").isEqualTo(Duration.ofMillis(10));
    costs.request(0, 10 * MS);
    assertThat(costs.estimate(oneRequest)).isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void aPublishThatTookLongerThanEstimatedScalesLaterReservesUpButAFasterOneNeverDown() {
    PublishCosts costs = new PublishCosts(1.0, CPU);
    Duration before = costs.reserve(PARQUET_OF_2_MB);

    costs.published(Duration.ofMillis(100), Duration.ofMillis(40));
    assertThat(costs.reserve(PARQUET_OF_2_MB)).isEqualTo(before);
    costs.published(Duration.ofMillis(100), Duration.ofMillis(250));
    assertThat(costs.reserve(PARQUET_OF_2_MB).toNanos()).isEqualTo((long) Math.ceil(before.toNanos() * 2.5));
  }

  @Test
  void readsTheCpuShareFromLambdasMemorySizeStrictly() {
    assertThat(PublishCosts.cpuShare(Map.of(PublishCosts.MEMORY_VARIABLE, "512"))).isEqualTo(512 / 1769.0);
    assertThat(PublishCosts.cpuShare(Map.of(PublishCosts.MEMORY_VARIABLE, "3538"))).as("one thread: one vCPU").isEqualTo(1.0);
    assertThat(PublishCosts.cpuShare(Map.of())).as("outside Lambda").isEqualTo(1.0);
    assertThatThrownBy(() -> PublishCosts.cpuShare(Map.of(PublishCosts.MEMORY_VARIABLE, "512MB")))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining(PublishCosts.MEMORY_VARIABLE);
  }

  @Test
  void theStopClockStopsDispatchEarlierAsTheReserveGrowsAndSettlesForTheLongestFetch() {
    StopClock clock = new StopClock(dev.lambdaloom.core.Deadline.after(Duration.ofMinutes(10)), Duration.ofSeconds(30),
        Duration.ofSeconds(1));
    assertThat(clock.settle()).as("before any fetch: the most").isEqualTo(Duration.ofSeconds(30));
    clock.fetched(Duration.ofMillis(200));
    clock.fetched(Duration.ofMillis(80));
    assertThat(clock.settle()).isEqualTo(Duration.ofMillis(200));
    clock.fetched(Duration.ofMinutes(2));
    assertThat(clock.settle()).isEqualTo(Duration.ofSeconds(30));
    assertThat(clock.dispatchOver()).isFalse();

    clock.reserve(Duration.ofMinutes(10));
    assertThat(clock.dispatchOver()).isTrue();
    assertThat(clock.interruptAt().expired()).isTrue();
  }
}
