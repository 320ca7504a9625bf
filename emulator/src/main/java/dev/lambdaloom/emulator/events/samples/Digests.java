package dev.lambdaloom.emulator.events.samples;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hashes SQS and S3 put in their events, over the real content, so that a function checking them succeeds. */
final class Digests {
  private Digests() {}

  /** Lower-case hex MD5: SQS's md5OfBody, S3's eTag of a single-part upload. */
  static String md5(byte[] content) {
    return hex("MD5", content);
  }

  /** Lower-case hex SHA-256 of the UTF-8 text: SQS's deduplication id of a FIFO queue with content-based deduplication. */
  static String sha256(String text) {
    return hex("SHA-256", text.getBytes(StandardCharsets.UTF_8));
  }

  private static String hex(String algorithm, byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + algorithm, e);
    }
  }
}
