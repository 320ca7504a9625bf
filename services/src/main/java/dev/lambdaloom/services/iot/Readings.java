package dev.lambdaloom.services.iot;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * The content of one reading, derived from the seed alone: a time on the reading's minute (a
 * device reports once a minute from 2020-01-01) with microseconds, and values in [0, 10,000,000),
 * small enough that 100,000 documents of 100,000 values never overflow a long sum.
 */
final class Readings {
  static final long MAX_VALUE_EXCLUSIVE = 10_000_000;
  private static final long START = LocalDateTime.of(2020, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

  /** A reading's time and its first {@code count} values. */
  record Reading(LocalDateTime time, long[] values) {
    String isoTime() {
      return ISO_MICROS.format(time);
    }

    long sum() {
      long sum = 0;
      for (long value : values) {
        sum += value;
      }
      return sum;
    }
  }

  private Readings() {}

  static Reading generate(long seed, ReadingId id, int count) {
    SplittableRandom random = new SplittableRandom(Seeds.of(seed, id, Seeds.VALUES));
    long micros = random.nextLong(60_000_000);
    // Far-off seqs clamp to a fixed day instead of leaving LocalDateTime's range.
    long minute = Math.min(id.seq(), 1_000_000_000L);
    LocalDateTime time = LocalDateTime.ofEpochSecond(START + minute * 60 + micros / 1_000_000,
        (int) (micros % 1_000_000) * 1000, ZoneOffset.UTC);
    long[] values = new long[count];
    for (int i = 0; i < count; i++) {
      values[i] = random.nextLong(MAX_VALUE_EXCLUSIVE);
    }
    return new Reading(time, values);
  }
}
