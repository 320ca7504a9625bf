package dev.lambdaloom.functions.scavenger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.InvalidSettingException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvocationDeadlinesTest {
  private static final CpuShare ONE_VCPU = CpuShare.of(Map.of());
  private static final CpuShare AT_1024_MB = CpuShare.of(Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));

  @Test
  void theCpuShareIsMemoryOver1769MbAndStretchesWorkBelowOneVcpu() {
    assertThat(ONE_VCPU.vcpus()).isEqualTo(1.0);
    assertThat(AT_1024_MB.vcpus()).isEqualTo(1024 / 1769.0);
    assertThat(ONE_VCPU.stretch(Duration.ofMillis(60))).isEqualTo(Duration.ofMillis(60));
    // 60 ms of work at 0.579 vCPU, plus a scheduling period in which the quota may be spent already.
    assertThat(AT_1024_MB.stretch(Duration.ofMillis(60)).toMillis()).isEqualTo(60 * 1769 / 1024 + 100);
    assertThat(AT_1024_MB.scale(Duration.ofMillis(1)).toNanos()).isEqualTo(Math.round(1e6 * 1769 / 1024));
    assertThatThrownBy(() -> CpuShare.of(Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024MB")))
        .isInstanceOf(InvalidSettingException.class);
  }

  @Test
  void beforeAnyMeasurementTheMarginsAreThePriorsAtTheCpuShare() {
    MeasuredCosts costs = new MeasuredCosts(AT_1024_MB);
    InvocationDeadlines plan = InvocationDeadlines.plan(Deadline.after(Duration.ofSeconds(900)), AT_1024_MB, costs);

    assertThat(plan.answer()).isEqualTo(AT_1024_MB.stretch(MeasuredCosts.WIND_DOWN_AT_ONE_VCPU)
        .plus(AT_1024_MB.stretch(MeasuredCosts.RESPOND_AT_ONE_VCPU)));
    assertThat(plan.drain()).isEqualTo(AT_1024_MB.stretch(MeasuredCosts.DELETE_BATCH_AT_ONE_VCPU).multipliedBy(2));
    assertThat(plan.stopScanningAt()).isLessThan(plan.finishBy());
  }

  /** Costs at one vCPU after many steady measurements; each drain took two batches. */
  private static MeasuredCosts measured(Duration deleteBatch, Duration windDown) {
    MeasuredCosts costs = new MeasuredCosts(ONE_VCPU);
    for (int i = 0; i < 50; i++) {
      costs.deleteBatch.record(deleteBatch);
      costs.drain.record(deleteBatch.multipliedBy(2));
      costs.windDown.record(windDown);
    }
    return costs;
  }

  @Test
  void slowDeletesWidenTheDrainAndASlowWindDownTheAnswer() {
    MeasuredCosts costs = measured(Duration.ofSeconds(2), Duration.ofSeconds(1));
    InvocationDeadlines plan = InvocationDeadlines.plan(Deadline.after(Duration.ofSeconds(900)), ONE_VCPU, costs);

    assertThat(plan.drain()).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
    assertThat(plan.answer()).isGreaterThanOrEqualTo(Duration.ofSeconds(1).plus(costs.respond));
  }

  @Test
  void fastDeletesNarrowTheDrainToItsFloorButTheAnswerNeverGoesBelowItsPrior() {
    MeasuredCosts costs = measured(Duration.ofMillis(1), Duration.ofMillis(1));
    InvocationDeadlines plan = InvocationDeadlines.plan(Deadline.after(Duration.ofSeconds(900)), ONE_VCPU, costs);

    assertThat(plan.drain()).isEqualTo(InvocationDeadlines.DRAIN_FLOOR_AT_ONE_VCPU);
    assertThat(plan.answer()).isEqualTo(MeasuredCosts.WIND_DOWN_AT_ONE_VCPU.plus(MeasuredCosts.RESPOND_AT_ONE_VCPU));
  }

  @Test
  void aDrainThatTookLongerThanItsBatchesWidensTheNextOne() {
    MeasuredCosts costs = measured(Duration.ofMillis(100), Duration.ofMillis(10));
    for (int i = 0; i < 50; i++) costs.drain.record(Duration.ofSeconds(3));
    InvocationDeadlines plan = InvocationDeadlines.plan(Deadline.after(Duration.ofSeconds(900)), ONE_VCPU, costs);

    assertThat(plan.drain()).isBetween(Duration.ofSeconds(3), Duration.ofMillis(3_100));
  }

  @Test
  void withLittleTimeReadingStillGetsHalfOfWhatTheAnswerLeaves() {
    MeasuredCosts costs = new MeasuredCosts(AT_1024_MB);
    for (int i = 0; i < 20; i++) costs.deleteBatch.record(Duration.ofSeconds(5));
    Deadline end = Deadline.after(Duration.ofSeconds(3));
    InvocationDeadlines plan = InvocationDeadlines.plan(end, AT_1024_MB, costs);

    assertThat(plan.drain()).isLessThanOrEqualTo(Duration.ofSeconds(3).minus(plan.answer()).dividedBy(2));
    assertThat(plan.finishBy()).isLessThan(end);
    assertThat(plan.stopScanningAt().remaining()).isPositive();
  }

  @Test
  void withLessTimeThanTheAnswerNeedsItAnswersAtOnce() {
    InvocationDeadlines plan = InvocationDeadlines.plan(Deadline.after(Duration.ofMillis(50)), AT_1024_MB,
        new MeasuredCosts(AT_1024_MB));

    assertThat(plan.finishBy().expired()).isTrue();
    assertThat(plan.stopScanningAt().expired()).isTrue();
  }
}
