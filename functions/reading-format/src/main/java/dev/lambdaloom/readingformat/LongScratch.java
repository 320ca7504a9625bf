package dev.lambdaloom.readingformat;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** A growable buffer of primitive longs, reused from document to document so parsing does not allocate per value. */
final class LongScratch {
  private static final int INITIAL_CAPACITY = 1024;

  private final int maxCapacity;
  private final AtomicLong growths;
  private long[] values;
  private int size;

  LongScratch(int maxCapacity, AtomicLong growths) {
    this.maxCapacity = maxCapacity;
    this.growths = growths;
    this.values = new long[Math.min(INITIAL_CAPACITY, maxCapacity)];
  }

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  /** Callers keep {@code size() < maxCapacity}, so the buffer never outgrows the limit. */
  void add(long value) {
    if (size == values.length) grow();
    values[size++] = value;
  }

  long[] toArray() {
    return Arrays.copyOf(values, size);
  }

  private void grow() {
    values = Arrays.copyOf(values, (int) Math.min(2L * values.length, maxCapacity));
    growths.incrementAndGet();
  }
}
