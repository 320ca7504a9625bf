package dev.lambdaloom.services.kinesis;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Where a record goes: Kinesis hashes the partition key with MD5 into a 128-bit unsigned key, unless told one. */
final class HashKeys {
  private HashKeys() {}

  /** MD5 of the key's UTF-8 bytes, read as an unsigned big-endian number. */
  static BigInteger ofPartitionKey(String partitionKey) {
    try {
      byte[] digest = MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8));
      return new BigInteger(1, digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }

  /** An ExplicitHashKey: a decimal number within 0..2^128-1. */
  static BigInteger explicit(String value) throws KinesisFailure {
    if (!value.matches("0|[1-9]\\d{0,38}")) {
      throw KinesisFailure.invalidField(value, "explicitHashKey",
          "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})");
    }
    BigInteger key = new BigInteger(value);
    if (key.compareTo(HashKeyRange.MAX) > 0) {
      throw new KinesisFailure(KinesisError.INVALID_ARGUMENT, "Invalid ExplicitHashKey. ExplicitHashKey must be in the"
          + " range: [0, 2^128-1]. Specified value was " + value);
    }
    return key;
  }
}
