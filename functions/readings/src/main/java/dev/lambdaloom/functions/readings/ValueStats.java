package dev.lambdaloom.functions.readings;

import java.math.BigInteger;

/**
 * Count, minimum, maximum and sum of a device's values. The sum is a BigInteger: int64 values add up past a long
 * (DynamoDB's N holds 38 digits). Built from values with {@link #of} and combined with {@link #plus}.
 */
record ValueStats(long count, long min, long max, BigInteger sum) {
  ValueStats {
    if (count < 1) throw new IllegalArgumentException("stats of no values");
    if (min > max) throw new IllegalArgumentException("min " + min + " > max " + max);
  }

  /** @param values at least one */
  static ValueStats of(long[] values) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    BigInteger sum = BigInteger.ZERO;
    long partial = 0; // summed in a long until it would overflow, then carried into the BigInteger
    for (long value : values) {
      min = Math.min(min, value);
      max = Math.max(max, value);
      long next = partial + value;
      if (((partial ^ next) & (value ^ next)) < 0) { // overflow: carry what we have
        sum = sum.add(BigInteger.valueOf(partial));
        next = value;
      }
      partial = next;
    }
    return new ValueStats(values.length, min, max, sum.add(BigInteger.valueOf(partial)));
  }

  ValueStats plus(ValueStats other) {
    return new ValueStats(Math.addExact(count, other.count), Math.min(min, other.min), Math.max(max, other.max),
        sum.add(other.sum));
  }
}
