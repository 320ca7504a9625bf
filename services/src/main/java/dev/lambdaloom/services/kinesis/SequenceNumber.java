package dev.lambdaloom.services.kinesis;

import java.math.BigInteger;

/**
 * A record's place in its shard, written as Kinesis writes sequence numbers: 56 decimal digits. The layout is
 * KinesisLocal's own: {@code 49}, the shard's index in 6 digits, the record's position in the shard in 48. Numbers of
 * one shard then grow strictly with position and compare the same as strings and as numbers, and a number names its
 * shard, so one from another shard is recognised.
 *
 * @param shardIndex the shard's index in its stream, 0 for shardId-000000000000
 * @param position the record's index in its shard, from 0
 */
record SequenceNumber(int shardIndex, long position) {
  private static final String PREFIX = "49";
  private static final int SHARD_DIGITS = 6;
  private static final int POSITION_DIGITS = 48;
  static final int LENGTH = PREFIX.length() + SHARD_DIGITS + POSITION_DIGITS;

  SequenceNumber {
    if (shardIndex < 0 || shardIndex >= 1_000_000 || position < 0) {
      throw new IllegalArgumentException("no sequence number for shard " + shardIndex + ", position " + position);
    }
  }

  /** The 56 digits. */
  String text() {
    return PREFIX + "%06d".formatted(shardIndex) + "%048d".formatted(position);
  }

  /**
   * Reads a sequence number of KinesisLocal's.
   *
   * @param field the request field it came from, for the error
   */
  static SequenceNumber parse(String text, String field) throws KinesisFailure {
    if (!text.matches("0|[1-9]\\d{0,128}")) {
      throw KinesisFailure.invalidField(text, field, "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})");
    }
    if (text.length() != LENGTH || !text.startsWith(PREFIX)) {
      throw new KinesisFailure(KinesisError.INVALID_ARGUMENT, "StartingSequenceNumber " + text + " used in "
          + "GetShardIterator is invalid: it was not given by this server (KinesisLocal's are " + LENGTH
          + " digits starting with " + PREFIX + ")");
    }
    int shard = Integer.parseInt(text.substring(PREFIX.length(), PREFIX.length() + SHARD_DIGITS));
    BigInteger position = new BigInteger(text.substring(PREFIX.length() + SHARD_DIGITS));
    if (position.bitLength() >= Long.SIZE) {
      throw new KinesisFailure(KinesisError.INVALID_ARGUMENT, "StartingSequenceNumber " + text
          + " used in GetShardIterator is beyond any record this server has stored");
    }
    return new SequenceNumber(shard, position.longValueExact());
  }

  @Override
  public String toString() {
    return text();
  }
}
