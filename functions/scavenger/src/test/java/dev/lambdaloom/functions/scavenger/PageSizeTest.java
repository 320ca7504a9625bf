package dev.lambdaloom.functions.scavenger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.core.Deadline;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PageSizeTest {
  private static CostEstimate perItem(Duration cost) {
    CostEstimate estimate = new CostEstimate(cost);
    for (int i = 0; i < 50; i++) estimate.record(cost);
    return estimate;
  }

  @Test
  void aPageSizeTheCallerSetIsAlwaysUsed() {
    assertThat(new PageSize.Fixed(1_000).next(perItem(Duration.ofSeconds(1)), Deadline.after(Duration.ofMillis(1))))
        .isEqualTo(1_000);
  }

  @Test
  void aPacedPageTakesAQuarterOfTheReadingTimeLeftAtTheMeasuredCostPerItem() {
    PageSize paced = new PageSize.Paced(1_000);
    // 2 s left, a quarter is 500 ms: 100 items at 5 ms each (a little less, as time passes while computing).
    assertThat(paced.next(perItem(Duration.ofMillis(5)), Deadline.after(Duration.ofSeconds(2)))).isBetween(90, 100);
  }

  @Test
  void aPacedPageIsAtMostItsLimitAndAtLeastOneBatch() {
    PageSize paced = new PageSize.Paced(1_000);
    assertThat(paced.next(perItem(Duration.ofNanos(1_000)), Deadline.after(Duration.ofMinutes(15)))).isEqualTo(1_000);
    assertThat(paced.next(perItem(Duration.ofSeconds(1)), Deadline.after(Duration.ofSeconds(1))))
        .isEqualTo(PageSize.LEAST);
    assertThat(paced.next(perItem(Duration.ofMillis(1)), Deadline.after(Duration.ZERO))).isEqualTo(PageSize.LEAST);
  }
}
