package dev.lambdaloom.services.kinesis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a reader is in a shard, handed to clients as an opaque token. Kinesis's tokens carry their position and age
 * too; this one is its fields in plain text, base64url-encoded, since nothing local needs to hide them.
 *
 * @param streamName the stream it reads
 * @param incarnation which stream of that name: one deleted and created again does not take old iterators
 * @param shardIndex the shard it reads
 * @param position the next record it returns
 * @param issued when it was handed out: it expires {@link #LIFETIME} later, as Kinesis's do
 */
record ShardIterator(String streamName, long incarnation, int shardIndex, long position, Instant issued) {
  static final Duration LIFETIME = Duration.ofMinutes(5);
  private static final String VERSION = "kl1";

  String encode() {
    String plain = String.join("|", VERSION, streamName, Long.toString(incarnation), Integer.toString(shardIndex),
        Long.toString(position), Long.toString(issued.toEpochMilli()));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static ShardIterator decode(String token) throws KinesisFailure {
    try {
      String[] fields = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
      if (fields.length != 6 || !fields[0].equals(VERSION)) {
        throw invalid(token, null);
      }
      return new ShardIterator(fields[1], Long.parseLong(fields[2]), Integer.parseInt(fields[3]),
          Long.parseLong(fields[4]), Instant.ofEpochMilli(Long.parseLong(fields[5])));
    } catch (IllegalArgumentException notOurs) { // base64 and number formats, and the record's own checks
      throw invalid(token, notOurs);
    }
  }

  ShardIterator {
    if (shardIndex < 0 || position < 0) {
      throw new IllegalArgumentException("no shard iterator for shard " + shardIndex + " at " + position);
    }
  }

  /** Fails with ExpiredIteratorException when more than five minutes old at {@code now}. */
  void requireFresh(Instant now) throws KinesisFailure {
    if (Duration.between(issued, now).compareTo(LIFETIME) > 0) {
      throw new KinesisFailure(KinesisError.EXPIRED_ITERATOR, "Iterator expired. The iterator was created at time "
          + issued + " while right now it is " + now + " which is further in the future than the tolerated delay of "
          + LIFETIME.toMillis() + " milliseconds.");
    }
  }

  ShardIterator at(long next, Instant now) {
    return new ShardIterator(streamName, incarnation, shardIndex, next, now);
  }

  private static KinesisFailure invalid(String token, Throwable cause) {
    String shown = token.length() > 64 ? token.substring(0, 64) + "..." : token;
    return new KinesisFailure(KinesisError.INVALID_ARGUMENT, "Invalid ShardIterator: " + shown + " was not handed out"
        + " by this server's GetShardIterator or GetRecords", cause);
  }
}
