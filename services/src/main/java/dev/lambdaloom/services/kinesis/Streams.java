package dev.lambdaloom.services.kinesis;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The streams of one KinesisLocal, by name. Finding and listing take no lock. Lock: this object's monitor serialises
 * CreateStream and DeleteStream (the shard limit counts over all streams); a delete takes each shard's lock inside
 * it, so the order is always this, then a shard, then the budget.
 */
final class Streams {
  /** The account in ARNs and messages: clients talking to a local server have none. */
  static final String ACCOUNT = "000000000000";

  private final Map<String, Stream> byName = new ConcurrentSkipListMap<>();
  private final AtomicLong incarnations = new AtomicLong();
  private final String region;
  private final int maxShards;
  private final RetentionBudget budget;
  private final Clock clock;
  private int shards; // guarded by this

  Streams(String region, int maxShards, RetentionBudget budget, Clock clock) {
    this.region = region;
    this.maxShards = maxShards;
    this.budget = budget;
    this.clock = clock;
  }

  RetentionBudget budget() {
    return budget;
  }

  Clock clock() {
    return clock;
  }

  String arnOf(String name) {
    return "arn:aws:kinesis:" + region + ":" + ACCOUNT + ":stream/" + name;
  }

  /** Creates the stream, ACTIVE at once: there is nothing to provision locally. */
  synchronized Stream create(String name, String mode, int shardCount) throws KinesisFailure {
    if (byName.containsKey(name)) {
      throw new KinesisFailure(KinesisError.RESOURCE_IN_USE, "Stream " + name + " under account " + ACCOUNT
          + " already exists.");
    }
    if (shards + shardCount > maxShards) {
      throw new KinesisFailure(KinesisError.LIMIT_EXCEEDED, "This request would exceed the shard limit for the"
          + " account " + ACCOUNT + " in " + region + ". Current shard count for the account: " + shards
          + ". Limit: " + maxShards + ". Number of additional shards that would have resulted from this request: "
          + shardCount + ".");
    }
    Stream stream = Stream.create(name, arnOf(name), mode, clock.instant(), incarnations.incrementAndGet(), shardCount);
    byName.put(name, stream);
    shards += shardCount;
    return stream;
  }

  /** Removes the stream at once (Kinesis shows DELETING for a while) and gives its records back to the budget. */
  synchronized void delete(String name) throws KinesisFailure {
    Stream stream = byName.remove(name);
    if (stream == null) {
      throw KinesisFailure.streamNotFound(name, ACCOUNT);
    }
    shards -= stream.shards().size();
    stream.shards().forEach(shard -> shard.retire(budget));
  }

  Stream find(String name) throws KinesisFailure {
    Stream stream = byName.get(name);
    if (stream == null) {
      throw KinesisFailure.streamNotFound(name, ACCOUNT);
    }
    return stream;
  }

  /** Every stream, by name. */
  List<Stream> all() {
    return List.copyOf(byName.values());
  }
}
