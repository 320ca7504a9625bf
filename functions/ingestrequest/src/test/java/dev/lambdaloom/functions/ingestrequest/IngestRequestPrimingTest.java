package dev.lambdaloom.functions.ingestrequest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.snapstart.RestorableCredentials;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Priming and PRIME_ON_INIT with no service anywhere; the hooks around a real start: in IngestRequestHandlersTest. */
class IngestRequestPrimingTest {
  private static final Map<String, String> NOWHERE = Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9",
      "AWS_ACCESS_KEY_ID", "none");

  @Test
  void startsARunThroughBothHandlersWithNoServiceAnywhere() {
    new IngestRequestPriming(NOWHERE).prime(); // throws when its queue message did not go through
  }

  @Test
  void refusesAPrimeOnInitNeitherTrueNorFalse() {
    assertThatThrownBy(() -> IngestRequestContainer.snapStart(Map.of("PRIME_ON_INIT", "maybe"),
        RestorableCredentials.from(() -> NOWHERE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PRIME_ON_INIT");
  }
}
