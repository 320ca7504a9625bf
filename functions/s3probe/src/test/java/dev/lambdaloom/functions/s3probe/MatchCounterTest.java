package dev.lambdaloom.functions.s3probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MatchCounterTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aMatchSplitAcrossChunksCountsOnce() {
    MatchCounter counter = new MatchCounter(bytes("needle"));
    counter.feed(bytes("hay nee"), 0, 7);
    counter.feed(bytes("dle hay"), 0, 7);
    assertThat(counter.matches()).isEqualTo(1);
    assertThat(counter.bytes()).isEqualTo(14);
  }

  @Test
  void everyByteFedAloneFindsTheSameMatchesAsOneChunk() {
    String text = "abcabcababcabcabcab-abcab";
    MatchCounter whole = new MatchCounter(bytes("abcab"));
    whole.feed(bytes(text), 0, text.length());
    MatchCounter byByte = new MatchCounter(bytes("abcab"));
    for (byte b : bytes(text)) {
      byByte.feed(new byte[] {b}, 0, 1);
    }
    assertThat(byByte.matches()).isEqualTo(whole.matches()).isEqualTo(6);
  }

  @Test
  void overlappingOccurrencesCount() {
    MatchCounter counter = new MatchCounter(bytes("aa"));
    counter.feed(bytes("aaaa"), 0, 4);
    assertThat(counter.matches()).isEqualTo(3);
  }

  @Test
  void directBuffersAreSearchedLikeArrays() {
    ByteBuffer direct = ByteBuffer.allocateDirect(16);
    direct.put(bytes("xx-find-find-x")).flip();
    MatchCounter counter = new MatchCounter(bytes("find"));
    counter.feed(direct);
    assertThat(counter.matches()).isEqualTo(2);
    assertThat(counter.bytes()).isEqualTo(14);
    assertThat(direct.hasRemaining()).isFalse();
  }

  @Test
  void multiByteUtf8IsMatchedByItsBytes() {
    MatchCounter counter = new MatchCounter(bytes("é"));
    byte[] text = bytes("café é");
    counter.feed(text, 0, text.length - 1); // the last é's second byte arrives later
    counter.feed(text, text.length - 1, 1);
    assertThat(counter.matches()).isEqualTo(2);
  }
}
