package dev.lambdaloom.functions.scavenger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.core.Deadline;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The warm-up reaches the paths it is for (a delete request, a next page, the interruption) on its own stand-in. */
class ColdPathWarmUpTest {
  @ParameterizedTest
  @EnumSource(DeleteMode.class)
  void itRunsAScanAndADeleteToTheInterruptionWithoutAnyDynamoDb(DeleteMode mode) {
    String outcome = ColdPathWarmUp.run(Map.of("DELETE_MODE", mode.label()), Deadline.after(Duration.ofSeconds(60)));

    assertThat(outcome).startsWith("warm-up of " + mode.label() + " deletes done in");
  }
}
