package dev.lambdaloom.snapstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PrimeOnInitTest {
  @Test
  void isOffWhenUnsetEmptyOrFalse() {
    assertThat(PrimeOnInit.fromEnvironment(Map.of()).on()).isFalse();
    assertThat(PrimeOnInit.fromEnvironment(Map.of("PRIME_ON_INIT", "")).on()).isFalse();
    assertThat(PrimeOnInit.fromEnvironment(Map.of("PRIME_ON_INIT", "false")).on()).isFalse();
  }

  @Test
  void isOnWhenTrue() {
    assertThat(PrimeOnInit.fromEnvironment(Map.of("PRIME_ON_INIT", "true")).on()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"TRUE", "1", "yes", "true ", "on"})
  void refusesAnyOtherValueNamingTheVariableAndItsValues(String value) {
    assertThatThrownBy(() -> PrimeOnInit.fromEnvironment(Map.of("PRIME_ON_INIT", value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PRIME_ON_INIT (from the environment) is \"" + value + "\": set it to true (prime the hot path "
            + "during init) or false (do not), exactly, or leave it unset");
  }

  @Test
  void primesOnlyWhenOnAndSwallowsAFailedPriming() {
    AtomicInteger runs = new AtomicInteger();
    new PrimeOnInit(false).primeIfOn(runs::incrementAndGet);
    assertThat(runs).hasValue(0);
    new PrimeOnInit(true).primeIfOn(() -> {
      runs.incrementAndGet();
      throw new IllegalStateException("no service here");
    });
    assertThat(runs).hasValue(1);
  }
}
