package dev.lambdaloom.functions.s3probe;

import java.nio.ByteBuffer;

/**
 * Counts the occurrences of a byte pattern in a stream fed chunk by chunk, so an object is searched as it arrives and
 * never held whole; a match that straddles two chunks counts. Overlapping occurrences count ({@code aa} occurs twice in
 * {@code aaa}). Knuth-Morris-Pratt: one pass, no backtracking over bytes already fed. One instance per stream; not
 * thread-safe (a stream's chunks arrive in order, on one thread at a time).
 */
final class MatchCounter {
  private final byte[] pattern;
  /** failure[i]: length of the longest proper prefix of pattern[0..i] that is also its suffix. */
  private final int[] failure;
  private int matched;
  private long matches;
  private long bytes;

  MatchCounter(byte[] pattern) {
    if (pattern.length == 0) throw new IllegalArgumentException("empty pattern");
    this.pattern = pattern.clone();
    this.failure = new int[pattern.length];
    for (int i = 1, k = 0; i < pattern.length; i++) {
      while (k > 0 && pattern[i] != pattern[k]) k = failure[k - 1];
      if (pattern[i] == pattern[k]) k++;
      failure[i] = k;
    }
  }

  void feed(byte[] chunk, int offset, int length) {
    for (int i = offset, end = offset + length; i < end; i++) {
      step(chunk[i]);
    }
    bytes += length;
  }

  void feed(ByteBuffer chunk) {
    int length = chunk.remaining();
    if (chunk.hasArray()) {
      feed(chunk.array(), chunk.arrayOffset() + chunk.position(), length);
      chunk.position(chunk.limit());
      return;
    }
    while (chunk.hasRemaining()) {
      step(chunk.get());
    }
    bytes += length;
  }

  private void step(byte b) {
    while (matched > 0 && b != pattern[matched]) matched = failure[matched - 1];
    if (b == pattern[matched]) matched++;
    if (matched == pattern.length) {
      matches++;
      matched = failure[matched - 1];
    }
  }

  long matches() {
    return matches;
  }

  long bytes() {
    return bytes;
  }
}
