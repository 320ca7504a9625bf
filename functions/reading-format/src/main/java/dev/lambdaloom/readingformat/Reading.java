package dev.lambdaloom.readingformat;

import java.util.Arrays;
import java.util.Objects;

/**
 * One validated IoT reading: an ISO-8601 timestamp as the device sent it, and its int64 values.
 *
 * <p>The array is not copied: the reading owns it, and nobody should change it after construction. (Copying would
 * double the work for documents of 100,000 values.) Equality compares the values' contents.
 */
public record Reading(String datetime, long[] values) implements ParseResult {
  public Reading {
    Objects.requireNonNull(datetime, "datetime");
    Objects.requireNonNull(values, "values");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Reading that && datetime.equals(that.datetime) && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return 31 * datetime.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Reading[datetime=" + datetime + ", values=" + values.length + "]";
  }
}
