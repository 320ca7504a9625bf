package dev.lambdaloom.services.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class TableSpecTest {
  @Test
  void aBareNameGetsAStringPartitionKeyNamedId() {
    assertThat(TableSpec.parse("Things")).isEqualTo(new TableSpec("Things", TableSpec.DEFAULT_KEY, Optional.empty()));
  }

  @Test
  void readsAPartitionKeyAndASortKeyWithTheirTypes() {
    TableSpec spec = TableSpec.parse("Readings:device:S:time:N");

    assertThat(spec.partitionKey()).isEqualTo(new TableSpec.Key("device", ScalarAttributeType.S));
    assertThat(spec.sortKey()).contains(new TableSpec.Key("time", ScalarAttributeType.N));
    assertThat(TableSpec.parse("Blobs:hash:B").partitionKey().type()).isEqualTo(ScalarAttributeType.B);
  }

  @Test
  void refusesWhatIsNotExactlyTheFormat() {
    assertThatThrownBy(() -> TableSpec.parse("Things:id")).hasMessageContaining("NAME[:KEY:TYPE[:SORTKEY:TYPE]]");
    assertThatThrownBy(() -> TableSpec.parse("Things:id:s")).hasMessageContaining("S, N or B, not 's'");
    assertThatThrownBy(() -> TableSpec.parse("Things:id:STRING")).hasMessageContaining("not 'STRING'");
    assertThatThrownBy(() -> TableSpec.parse("Things::S")).hasMessageContaining("needs an attribute name");
    assertThatThrownBy(() -> TableSpec.parse("Th")).hasMessageContaining("3 to 255");
    assertThatThrownBy(() -> TableSpec.parse("Bad/Name")).hasMessageContaining("not 'Bad/Name'");
    assertThatThrownBy(() -> TableSpec.parse("Things:k:S:k:N")).hasMessageContaining("must differ");
  }
}
