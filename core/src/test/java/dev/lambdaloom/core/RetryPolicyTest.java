package dev.lambdaloom.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void ceilingDoublesFromTheBaseUpToTheMaximum() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1));

    assertThat(policy.backoffCeiling(0)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoffCeiling(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoffCeiling(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(policy.backoffCeiling(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(policy.backoffCeiling(4)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoffCeiling(1_000)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void hugeDelaysDoNotOverflow() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ofDays(365), Duration.ofSeconds(Long.MAX_VALUE));

    assertThat(policy.backoffCeiling(500)).isPositive();
  }

  @Test
  void defaultsAreTheAwsStandardMode() {
    assertThat(RetryPolicy.defaults()).isEqualTo(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(20)));
    assertThat(RetryPolicy.defaults().withMaxAttempts(5).maxAttempts()).isEqualTo(5);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.defaults().withBaseDelay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
