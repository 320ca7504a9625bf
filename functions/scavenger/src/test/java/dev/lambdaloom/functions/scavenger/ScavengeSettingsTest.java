package dev.lambdaloom.functions.scavenger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.core.InvalidSettingException;
import dev.lambdaloom.core.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScavengeSettingsTest {
  private static ScavengeSettings read(Map<String, ?> event, Map<String, String> environment) {
    return ScavengeSettings.from(Settings.of(event, environment));
  }

  @Test
  void theEventOverridesTheEnvironmentWhichOverridesTheDefaults() {
    Map<String, String> env = Map.of("TABLE_NAME", "Workers", "TOTAL_SEGMENTS", "20", "DELETES_IN_FLIGHT", "5",
        "DELETE_MODE", "transact", "DRY_RUN", "true");
    assertThat(read(Map.of(), env)).isEqualTo(new ScavengeSettings("Workers", 20, 5, Duration.ofHours(48), true,
        DeleteMode.TRANSACT, new PageSize.Paced(ScavengeSettings.DEFAULT_PAGE_SIZE)));

    ScavengeSettings fromEvent = read(Map.of("table", "Other", "totalSegments", 3, "maxAgeHours", 1.5,
        "dryRun", false, "deleteMode", "item", "pageSize", "100"), env);
    assertThat(fromEvent).isEqualTo(new ScavengeSettings("Other", 3, 5, Duration.ofMinutes(90), false,
        DeleteMode.ITEM, new PageSize.Fixed(100)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "0", "yes", "on", "TRUE", "True", "TRUE ", " true", "false ", "y"})
  void aDryRunIsTrueOrFalseAndNothingElse(String text) {
    assertThatThrownBy(() -> read(Map.of("table", "Workers", "dryRun", text), Map.of()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("dryRun (from the event) must be true or false, not '" + text + "'");
    assertThatThrownBy(() -> read(Map.of(), Map.of("TABLE_NAME", "Workers", "DRY_RUN", text)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("DRY_RUN (from the environment) must be true or false");
  }

  @Test
  void numbersAreDigitsOrJsonNumbersInRange() {
    assertThatThrownBy(() -> read(Map.of("table", "T12", "totalSegments", 0), Map.of()))
        .hasMessageContaining("totalSegments (from the event) must be a whole number from 1 to 1000000, not 0");
    assertThatThrownBy(() -> read(Map.of("table", "T12", "deletesInFlight", 2.5), Map.of()))
        .hasMessageContaining("deletesInFlight");
    assertThatThrownBy(() -> read(Map.of("table", "T12"), Map.of("TOTAL_SEGMENTS", "10.0")))
        .hasMessageContaining("TOTAL_SEGMENTS (from the environment)");
    assertThatThrownBy(() -> read(Map.of("table", "T12"), Map.of("PAGE_SIZE", " 100")))
        .hasMessageContaining("PAGE_SIZE");
    assertThatThrownBy(() -> read(Map.of("table", "T12", "maxAgeHours", "48h"), Map.of()))
        .hasMessageContaining("maxAgeHours (from the event) must be a number");
    assertThatThrownBy(() -> read(Map.of("table", "T12", "maxAgeHours", 0), Map.of()))
        .hasMessageContaining("maxAgeHours");
  }

  @Test
  void aDeleteModeIsOneOfItsExactLabels() {
    assertThatThrownBy(() -> read(Map.of("table", "T12", "deleteMode", "fast"), Map.of()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("must be one of batch, transact, item, not 'fast'");
    assertThatThrownBy(() -> read(Map.of("table", "T12", "deleteMode", "BATCH"), Map.of()))
        .isInstanceOf(InvalidSettingException.class);
  }

  @Test
  void theTableIsRequiredAndMustBeATableName() {
    assertThatThrownBy(() -> read(Map.of(), Map.of())).hasMessageContaining("TABLE_NAME");
    assertThatThrownBy(() -> read(Map.of(), Map.of("TABLE_NAME", ""))).hasMessageContaining("TABLE_NAME");
    assertThatThrownBy(() -> read(Map.of("table", "Workers\" WHERE 1=1 --"), Map.of()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("must be a DynamoDB table name");
    assertThatThrownBy(() -> read(Map.of("table", 42), Map.of())).hasMessageContaining("must be text");
  }
}
