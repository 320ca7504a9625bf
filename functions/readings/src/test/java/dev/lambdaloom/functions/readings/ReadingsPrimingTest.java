package dev.lambdaloom.functions.readings;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.snapstart.RestorableCredentials;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Priming and PRIME_ON_INIT with no service anywhere; the hooks around real readings: in ReadingsHandlerTest. */
class ReadingsPrimingTest {
  private static final Map<String, String> NOWHERE = Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9",
      "AWS_ACCESS_KEY_ID", "none");

  @Test
  void appliesAReadingThroughTheHandlerWithNoServiceAnywhere() {
    new ReadingsPriming(NOWHERE).prime(); // throws when its reading did not go through
  }

  @Test
  void refusesAPrimeOnInitNeitherTrueNorFalse() {
    assertThatThrownBy(() -> ReadingsHandler.snapStart(Map.of("PRIME_ON_INIT", "2"),
        RestorableCredentials.from(() -> NOWHERE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PRIME_ON_INIT");
  }
}
