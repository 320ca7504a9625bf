package dev.lambdaloom.functions.ingest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.snapstart.RestorableCredentials;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** Priming and PRIME_ON_INIT with no service anywhere; the hooks around a real ingest: in RetriedInvocationTest. */
class IngestPrimingTest {
  private static final Map<String, String> NOWHERE = Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9",
      "AWS_ACCESS_KEY_ID", "none");

  @Test
  void runsASmallIngestWithNoServiceAnywhere() throws Exception {
    ScheduledExecutorService alarms = DocumentFetcher.newAlarms();
    try {
      new IngestPriming(NOWHERE, alarms).prime(); // throws when the job fails
    } finally {
      alarms.shutdownNow();
    }
  }

  @Test
  void refusesAPrimeOnInitNeitherTrueNorFalse() {
    ScheduledExecutorService alarms = DocumentFetcher.newAlarms();
    try {
      assertThatThrownBy(() -> IngestHandler.snapStart(Map.of("PRIME_ON_INIT", "no"), alarms,
          RestorableCredentials.from(() -> NOWHERE)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PRIME_ON_INIT");
    } finally {
      alarms.shutdownNow();
    }
  }
}
