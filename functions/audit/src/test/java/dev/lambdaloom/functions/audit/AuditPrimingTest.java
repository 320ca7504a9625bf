package dev.lambdaloom.functions.audit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.snapstart.RestorableCredentials;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Priming and PRIME_ON_INIT with no service anywhere; the hooks around real audits: in AuditHandlerTest. */
class AuditPrimingTest {
  private static final Map<String, String> NOWHERE = Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9",
      "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID", "none");

  @Test
  void auditsABatchThroughTheHandlerWithNoServiceAnywhere() {
    new AuditPriming(NOWHERE).prime(); // throws when a record of its batch did not go through
  }

  @Test
  void refusesAPrimeOnInitNeitherTrueNorFalse() {
    assertThatThrownBy(() -> AuditHandler.snapStart(Map.of("PRIME_ON_INIT", "yes"),
        RestorableCredentials.from(() -> NOWHERE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PRIME_ON_INIT");
  }
}
