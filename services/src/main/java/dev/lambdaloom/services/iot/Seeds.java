package dev.lambdaloom.services.iot;

import java.nio.charset.StandardCharsets;

/**
 * Stable 64-bit seeds for one reading: the same simulator seed, device and seq give the same seeds
 * in every JVM (no String.hashCode, no identity hashes). Each use gets its own stream, so that
 * changing one option (say the malformed rate) does not move the others' choices.
 */
final class Seeds {
  static final long PLAN = 0x5EED_0001L;
  static final long VALUES = 0x5EED_0002L;
  static final long MALFORMATION = 0x5EED_0003L;
  static final long LATENCY = 0x5EED_0004L;

  private Seeds() {}

  static long of(long seed, ReadingId id, long stream) {
    long h = mix(seed ^ 0x9E37_79B9_7F4A_7C15L);
    h = mix(h ^ fnv1a(id.device()));
    h = mix(h ^ (id.seq() * 0xBF58_476D_1CE4_E5B9L));
    return mix(h + stream);
  }

  /** SplitMix64's finalizer. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }

  private static long fnv1a(String text) {
    long hash = 0xCBF2_9CE4_8422_2325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xFF;
      hash *= 0x0000_0100_0000_01B3L;
    }
    return hash;
  }
}
