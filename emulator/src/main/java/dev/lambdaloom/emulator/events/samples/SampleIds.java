package dev.lambdaloom.emulator.events.samples;

import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The ids of one sample event, random-looking but all drawn from one seed. Not thread-safe: each event being
 * written owns its own.
 */
final class SampleIds {
  private final SplittableRandom random;

  SampleIds(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A version 4 UUID, like an SQS message id or an API Gateway request id. */
  String uuid() {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }

  /** {@code bytes} random bytes as lower-case hex. */
  String hex(int bytes) {
    return HexFormat.of().formatHex(bytes(bytes));
  }

  /** {@code bytes} random bytes in base64. */
  String base64(int bytes) {
    return Base64.getEncoder().encodeToString(bytes(bytes));
  }

  /** A number of at most {@code digits} decimal digits (leading zeros possible). */
  BigInteger number(int digits) {
    BigInteger bound = BigInteger.TEN.pow(digits);
    return new BigInteger(bound.bitLength() + 8, new java.util.Random(random.nextLong())).mod(bound);
  }

  private byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }
}
