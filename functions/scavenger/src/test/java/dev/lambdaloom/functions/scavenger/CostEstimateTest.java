package dev.lambdaloom.functions.scavenger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CostEstimateTest {
  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  @Test
  void beforeAnySampleItSaysItsPrior() {
    CostEstimate estimate = new CostEstimate(ms(150));
    assertThat(estimate.high()).isEqualTo(ms(150));
    assertThat(estimate.total(2)).isEqualTo(ms(300));
    assertThat(estimate.samples()).isZero();
  }

  @Test
  void steadySamplesNarrowItToTheirValue() {
    CostEstimate estimate = new CostEstimate(ms(1_000));
    for (int i = 0; i < 100; i++) estimate.record(ms(40));
    assertThat(estimate.high()).isBetween(ms(40), ms(41));
    assertThat(estimate.total(2)).isBetween(ms(80), ms(82));
  }

  /** The first sample counts half its value as deviation (RFC 6298): mean 100, deviation 50, high 300. */
  @Test
  void oneSampleLeavesRoomForVariance() {
    CostEstimate estimate = new CostEstimate(ms(10));
    estimate.record(ms(100));
    assertThat(estimate.high()).isEqualTo(ms(300));
    // Two in a row: 2 means, 4 deviations times the square root of 2.
    assertThat(estimate.total(2)).isEqualTo(Duration.ofNanos(200_000_000L + Math.round(4 * 50_000_000L * Math.sqrt(2))));
  }

  @Test
  void aSlowSampleRaisesItAtOnceAndItSettlesBackWithinFortySamples() {
    CostEstimate estimate = new CostEstimate(ms(10));
    for (int i = 0; i < 50; i++) estimate.record(ms(20));
    estimate.record(ms(500));
    assertThat(estimate.high()).isGreaterThan(ms(500));
    for (int i = 0; i < 40; i++) estimate.record(ms(20));
    assertThat(estimate.high()).isLessThan(ms(30));
  }

  @Test
  void aCutOffSampleOnlyEverRaisesIt() {
    CostEstimate estimate = new CostEstimate(ms(10));
    for (int i = 0; i < 50; i++) estimate.record(ms(20));
    Duration steady = estimate.high();
    estimate.recordAtLeast(ms(5));
    assertThat(estimate.high()).isEqualTo(steady);
    estimate.recordAtLeast(ms(200));
    assertThat(estimate.high()).isGreaterThan(steady);
  }

  @Test
  void aFlooredEstimateNeverGoesBelowItsPrior() {
    CostEstimate estimate = new CostEstimate(ms(230));
    for (int i = 0; i < 50; i++) estimate.record(ms(20));
    assertThat(estimate.highAndAtLeastPrior()).isEqualTo(ms(230));
    for (int i = 0; i < 50; i++) estimate.record(ms(400));
    assertThat(estimate.highAndAtLeastPrior()).isGreaterThan(ms(400));
  }
}
