package dev.lambdaloom.snapstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.core.InvalidSettingException;
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
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("PRIME_ON_INIT")
        .hasMessageContaining("true")
        .hasMessageContaining("false")
        .satisfies(e -> assertThat(((InvalidSettingException) e).setting()).isEqualTo("PRIME_ON_INIT"));
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
