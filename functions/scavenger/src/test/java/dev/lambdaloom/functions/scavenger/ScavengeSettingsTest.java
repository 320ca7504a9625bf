package dev.lambdaloom.functions.scavenger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScavengeSettingsTest {
  @Test
  void theEventOverridesTheEnvironmentWhichOverridesTheDefaults() {
    Map<String, String> env = Map.of("TABLE_NAME", "Workers", "TOTAL_SEGMENTS", "20", "DELETES_IN_FLIGHT", "5",
        "DELETE_MODE", "transact");
    ScavengeSettings fromEnv = ScavengeSettings.from(Map.of(), env);
    assertThat(fromEnv).isEqualTo(new ScavengeSettings("Workers", 20, 5, Duration.ofHours(48), false,
        DeleteMode.TRANSACT, ScavengeSettings.DEFAULT_PAGE_SIZE));

    ScavengeSettings fromEvent = ScavengeSettings.from(Map.of("table", "Other", "totalSegments", 3,
        "maxAgeHours", 1.5, "dryRun", true, "deleteMode", "ITEM", "pageSize", "100"), env);
    assertThat(fromEvent).isEqualTo(new ScavengeSettings("Other", 3, 5, Duration.ofMinutes(90), true,
        DeleteMode.ITEM, 100));
  }

  @Test
  void badSettingsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> ScavengeSettings.from(Map.of(), Map.of())).hasMessageContaining("TABLE_NAME");
    assertThatThrownBy(() -> ScavengeSettings.from(Map.of("table", "T", "totalSegments", 0), Map.of()))
        .hasMessageContaining("totalSegments");
    assertThatThrownBy(() -> ScavengeSettings.from(Map.of("table", "T", "deletesInFlight", 2.5), Map.of()))
        .hasMessageContaining("deletesInFlight");
    assertThatThrownBy(() -> ScavengeSettings.from(Map.of("table", "T", "deleteMode", "fast"), Map.of()))
        .hasMessageContaining("batch, transact or item");
  }
}
