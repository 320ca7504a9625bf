package dev.lambdaloom.services.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBytesTest {
  @Test
  void digitsAreThoseOfLongToString() {
    long[] values = {0, 7, 10, 2210, 13_260, 9_999_999, -1, -42, Long.MAX_VALUE, Long.MIN_VALUE};
    JsonBytes out = new JsonBytes(1);
    StringBuilder expected = new StringBuilder();
    for (long value : values) {
      out.digits(value).ascii(",");
      expected.append(value).append(',');
    }
    assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
    assertThat(out.size()).isEqualTo(expected.length());
  }
}
