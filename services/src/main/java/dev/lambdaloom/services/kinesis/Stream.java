package dev.lambdaloom.services.kinesis;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream and its shards, fixed at creation (KinesisLocal does not reshard).
 *
 * @param name its name
 * @param arn arn:aws:kinesis:REGION:ACCOUNT:stream/NAME
 * @param mode PROVISIONED or ON_DEMAND, as created
 * @param created when CreateStream ran
 * @param incarnation distinguishes this stream from an earlier one of the same name, for its shard iterators
 * @param shards in index order
 */
record Stream(String name, String arn, String mode, Instant created, long incarnation, List<Shard> shards) {
  Stream {
    shards = List.copyOf(shards);
  }

  static Stream create(String name, String arn, String mode, Instant created, long incarnation, int shardCount) {
    List<Shard> shards = new ArrayList<>(shardCount);
    List<HashKeyRange> ranges = HashKeyRange.split(shardCount);
    for (int i = 0; i < shardCount; i++) {
      shards.add(new Shard(name, i, ranges.get(i)));
    }
    return new Stream(name, arn, mode, created, incarnation, shards);
  }

  /** The shard that owns {@code hashKey}. */
  Shard shardFor(BigInteger hashKey) {
    for (Shard shard : shards) {
      if (shard.hashKeys().contains(hashKey)) {
        return shard;
      }
    }
    throw new IllegalStateException("the shards of " + name + " do not cover hash key " + hashKey);
  }

  Shard shard(String shardId, String account) throws KinesisFailure {
    for (Shard shard : shards) {
      if (shard.id().equals(shardId)) {
        return shard;
      }
    }
    throw new KinesisFailure(KinesisError.RESOURCE_NOT_FOUND, "Shard " + shardId + " in stream " + name
        + " under account " + account + " does not exist");
  }

  Shard shard(int index) throws KinesisFailure {
    if (index < 0 || index >= shards.size()) {
      throw new KinesisFailure(KinesisError.RESOURCE_NOT_FOUND, "Shard " + Shard.idOf(index) + " in stream " + name
          + " does not exist");
    }
    return shards.get(index);
  }

  /** Whether {@code id} falls after {@code shard} in ListShards' and DescribeStream's order. */
  static boolean after(Shard shard, String id) {
    return shard.id().compareTo(id) > 0;
  }
}
