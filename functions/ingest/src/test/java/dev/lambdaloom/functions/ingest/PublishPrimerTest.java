package dev.lambdaloom.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Priming runs the whole publish path without a connection, and measures it. */
class PublishPrimerTest {
  @Test
  void primesThePublishPathWithoutTouchingAnyBucketAndMeasuresItsCpuCosts() throws Exception {
    // An endpoint nothing listens on: any request that left the process would fail.
    Map<String, String> environment = Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9", "AWS_REGION", "eu-west-1");
    PublishCosts.CpuCosts costs = PublishPrimer.prime(environment);

    assertThat(costs.encoding().writeNanos()).isPositive();
    assertThat(costs.encoding().nanosPerByte()).isPositive();
    assertThat(costs.encoding().finishNanos()).isPositive();
    assertThat(costs.uploads().nanosPerRequest()).isPositive();
    assertThat(costs.uploads().nanosPerByte()).isPositive();
  }

  @Test
  void aNoisyDifferenceFallsBackToTheWholeCostPerByteNeverToZero() {
    assertThat(PublishPrimer.perByte(3_000, 1_000, 10_000, 2_000)).isEqualTo(3.0);
    assertThat(PublishPrimer.perByte(-500, 1_000, 10_000, 2_000)).isEqualTo(5.0);
    assertThat(PublishPrimer.perByte(0, 1_000, 10_000, 2_000)).isEqualTo(5.0);
  }
}
