package dev.lambdaloom.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SettingsTest {
  enum Mode {
    FAST, CAREFUL;

    String label() {
      return name().toLowerCase();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "0", "yes", "no", "on", "TRUE", "True", "true ", " false", "", "t"})
  void aFlagIsTrueOrFalseAndNothingElse(String text) {
    Settings fromEvent = Settings.of(Map.of("dryRun", text), Map.of());
    Settings fromEnvironment = Settings.of(Map.of(), Map.of("DRY_RUN", text));

    assertThatThrownBy(() -> fromEvent.flag("dryRun", "DRY_RUN", true))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("dryRun (from the event) must be true or false, not '" + text + "'");
    if (!text.isEmpty()) {
      assertThatThrownBy(() -> fromEnvironment.flag("dryRun", "DRY_RUN", true))
          .isInstanceOf(InvalidSettingException.class)
          .hasMessageContaining("DRY_RUN (from the environment)");
    }
  }

  @Test
  void aFlagAcceptsJsonBooleansAndTheirExactText() {
    assertThat(Settings.of(Map.of("dryRun", true), Map.of()).flag("dryRun", "DRY_RUN", false)).isTrue();
    assertThat(Settings.of(Map.of("dryRun", "false"), Map.of()).flag("dryRun", "DRY_RUN", true)).isFalse();
    assertThat(Settings.of(Map.of(), Map.of("DRY_RUN", "true")).flag("dryRun", "DRY_RUN", false)).isTrue();
  }

  @Test
  void aJsonNumberIsNotAFlag() {
    assertThatThrownBy(() -> Settings.of(Map.of("dryRun", 1), Map.of()).flag("dryRun", "DRY_RUN", true))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("not 1");
  }

  @Test
  void theEventWinsOverTheEnvironmentAndUnsetMeansTheDefault() {
    Map<String, Object> event = new HashMap<>();
    event.put("segments", 7);
    event.put("nothing", null);
    Settings settings = Settings.of(event, Map.of("SEGMENTS", "3", "EMPTY", ""));

    assertThat(settings.wholeNumber("segments", "SEGMENTS", 1, 1, 100)).isEqualTo(7);
    assertThat(settings.wholeNumber("nothing", "EMPTY", 5, 1, 100)).isEqualTo(5);
    assertThat(settings.wholeNumber(null, "SEGMENTS", 5, 1, 100)).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0", "1e3", "+5", " 5", "5 ", "ten", "0x10", "99999999999999999999"})
  void aWholeNumberIsDigitsOnly(String text) {
    assertThatThrownBy(() -> Settings.of(Map.of(), Map.of("SEGMENTS", text)).wholeNumber(null, "SEGMENTS", 1, 1, 1000))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("SEGMENTS (from the environment) must be a whole number from 1 to 1000");
  }

  @Test
  void aWholeNumberOutOfRangeOrAFractionInTheEventIsRefused() {
    assertThatThrownBy(() -> Settings.of(Map.of("n", 0), Map.of()).wholeNumber("n", null, 1, 1, 10))
        .hasMessageContaining("n (from the event) must be a whole number from 1 to 10, not 0");
    assertThatThrownBy(() -> Settings.of(Map.of("n", 2.0), Map.of()).wholeNumber("n", null, 1, 1, 10))
        .hasMessageContaining("not 2.0");
    assertThatThrownBy(() -> Settings.of(Map.of("n", 5_000_000_000L), Map.of()).wholeNumber("n", null, 1, 1, 10))
        .isInstanceOf(InvalidSettingException.class);
  }

  @Test
  void aNumberMayHaveAFractionButMustBeFiniteAndInRange() {
    assertThat(Settings.of(Map.of("hours", 0.5), Map.of()).number("hours", "HOURS", 48, 0.001, 1e6)).isEqualTo(0.5);
    assertThat(Settings.of(Map.of(), Map.of("HOURS", "36.25")).number("hours", "HOURS", 48, 0.001, 1e6)).isEqualTo(36.25);
    assertThatThrownBy(() -> Settings.of(Map.of("hours", Double.NaN), Map.of()).number("hours", "HOURS", 48, 0.001, 1e6))
        .isInstanceOf(InvalidSettingException.class);
    assertThatThrownBy(() -> Settings.of(Map.of(), Map.of("HOURS", "-1")).number("hours", "HOURS", 48, 0.001, 1e6))
        .isInstanceOf(InvalidSettingException.class);
  }

  @Test
  void aChoiceIsOneOfItsLabelsExactly() {
    Settings settings = Settings.of(Map.of("mode", "careful"), Map.of("MODE", "Fast"));

    assertThat(settings.choice("mode", "MODE", Mode.FAST, Mode.class, Mode::label)).isEqualTo(Mode.CAREFUL);
    assertThatThrownBy(() -> settings.choice(null, "MODE", Mode.FAST, Mode.class, Mode::label))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("MODE (from the environment) must be one of fast, careful, not 'Fast'");
  }

  @Test
  void textIsTakenAsGivenButMustBeText() {
    Settings settings = Settings.of(Map.of("table", 42), Map.of("TABLE_NAME", " Workers "));

    assertThat(settings.text(null, "TABLE_NAME", "")).isEqualTo(" Workers ");
    assertThatThrownBy(() -> settings.text("table", "TABLE_NAME", ""))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("table (from the event) must be text, not 42");
  }
}
