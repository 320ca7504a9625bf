package dev.lambdaloom.bench.s3probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DatasetTest {
  @Test
  void specsNameTheObjectsAndTheirSize() {
    assertThat(Dataset.parse("1000x10KB")).isEqualTo(new Dataset(1_000, 10 * 1024));
    assertThat(Dataset.parse(" 100x1mb ")).isEqualTo(new Dataset(100, 1024 * 1024));
    assertThat(Dataset.parse("100x1MB").label()).isEqualTo("100 x 1 MB");
  }

  @Test
  void aSpecWithoutSizeOrUnitIsRefused() {
    assertThatThrownBy(() -> Dataset.parse("1000")).hasMessageContaining("OBJECTSxSIZE");
    assertThatThrownBy(() -> Dataset.parse("1000x10GB")).hasMessageContaining("OBJECTSxSIZE");
    assertThatThrownBy(() -> Dataset.parse("0x10KB")).hasMessageContaining("at least one object");
  }

  /** The benchmark checks each run's matches against this figure: it must be what the bodies hold. */
  @Test
  void theExpectedMatchesAreTheNeedlesTheBodiesHold() {
    Dataset dataset = new Dataset(10, 64);
    long found = 0;
    for (int i = 0; i < dataset.objects(); i++) {
      String body = new String(dataset.body(i), StandardCharsets.US_ASCII);
      assertThat(body).hasSize(64);
      for (int at = body.indexOf(Dataset.NEEDLE); at >= 0; at = body.indexOf(Dataset.NEEDLE, at + 1)) found++;
    }
    assertThat(found).isEqualTo(dataset.expectedMatches()).isEqualTo(9);
  }

  @Test
  void clientLabelsAreTheEventsAndUnknownOnesAreListed() {
    assertThat(ProbeClientChoice.parse("netty").function()).isEqualTo("S3ProbeNettyFunction");
    assertThat(ProbeClientChoice.SEQUENTIAL.eventFields(64)).isEqualTo("\"mode\":\"sequential\"");
    assertThatThrownBy(() -> ProbeClientChoice.parse("okhttp")).hasMessageContaining("virtual-threads");
  }
}
