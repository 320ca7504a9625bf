package dev.lambdaloom.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentDecodingTest {
  @Test
  void decodesUtf8EscapesAndKeepsAPlusInPathsOnly() {
    assertThat(PercentDecoding.pathSegment("caf%C3%A9+au%20lait")).isEqualTo("café+au lait");
    assertThat(PercentDecoding.queryPart("caf%c3%a9+au%20lait")).isEqualTo("café au lait");
    assertThat(PercentDecoding.pathSegment("ünescaped")).isEqualTo("ünescaped");
  }

  @Test
  void refusesWhatItCannotDecodeInsteadOfPassingItThrough() {
    for (String raw : List.of("%ZZ", "%", "a%2", "%FF", "%C3", "%C3%28", "%１２")) {
      assertThatThrownBy(() -> PercentDecoding.pathSegment(raw)).as(raw)
          .isInstanceOf(PercentDecoding.MalformedEscapeException.class);
    }
  }
}
