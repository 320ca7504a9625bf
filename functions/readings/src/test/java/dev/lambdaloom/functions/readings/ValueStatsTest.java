package dev.lambdaloom.functions.readings;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ValueStatsTest {
  @Test
  void countMinMaxAndSumOfValues() {
    assertThat(ValueStats.of(new long[] {5, -3, 12, 0})).isEqualTo(new ValueStats(4, -3, 12, BigInteger.valueOf(14)));
  }

  @Test
  void theSumGoesPastWhatALongHoldsInEitherDirection() {
    long max = Long.MAX_VALUE;
    long min = Long.MIN_VALUE;

    assertThat(ValueStats.of(new long[] {max, max, max, 1}).sum())
        .isEqualTo(BigInteger.valueOf(max).multiply(BigInteger.valueOf(3)).add(BigInteger.ONE));
    assertThat(ValueStats.of(new long[] {min, min, -1}).sum())
        .isEqualTo(BigInteger.valueOf(min).multiply(BigInteger.TWO).subtract(BigInteger.ONE));
    assertThat(ValueStats.of(new long[] {max, min, max, min}).sum()).isEqualTo(BigInteger.valueOf(-2));
  }

  @Test
  void combiningAddsCountsAndSumsAndKeepsTheExtremes() {
    ValueStats combined = ValueStats.of(new long[] {1, 2}).plus(ValueStats.of(new long[] {-5, 9, 3}));

    assertThat(combined).isEqualTo(new ValueStats(5, -5, 9, BigInteger.valueOf(10)));
  }
}
