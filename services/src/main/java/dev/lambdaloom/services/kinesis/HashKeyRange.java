package dev.lambdaloom.services.kinesis;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The hash keys a shard owns, both ends included, within Kinesis's key space 0..2^128-1.
 *
 * @param start the first hash key
 * @param end the last hash key
 */
record HashKeyRange(BigInteger start, BigInteger end) {
  static final BigInteger MAX = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

  HashKeyRange {
    if (start.signum() < 0 || end.compareTo(MAX) > 0 || start.compareTo(end) > 0) {
      throw new IllegalArgumentException("not a hash key range within 0..2^128-1: " + start + ".." + end);
    }
  }

  /** The key space in {@code shards} ranges of equal size, as CreateStream splits it; the last takes the remainder. */
  static List<HashKeyRange> split(int shards) {
    BigInteger size = MAX.add(BigInteger.ONE).divide(BigInteger.valueOf(shards));
    List<HashKeyRange> ranges = new ArrayList<>(shards);
    for (int i = 0; i < shards; i++) {
      BigInteger start = size.multiply(BigInteger.valueOf(i));
      BigInteger end = i == shards - 1 ? MAX : start.add(size).subtract(BigInteger.ONE);
      ranges.add(new HashKeyRange(start, end));
    }
    return List.copyOf(ranges);
  }

  boolean contains(BigInteger hashKey) {
    return start.compareTo(hashKey) <= 0 && hashKey.compareTo(end) <= 0;
  }
}
