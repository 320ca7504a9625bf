package dev.lambdaloom.bench.streams;

import dev.lambdaloom.emulator.events.ShardSource;
import dev.lambdaloom.emulator.events.StartingPosition;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast the source itself gives its records to a reader that does nothing with them: every shard read from
 * TRIM_HORIZON in a tight loop, one thread per shard, through the same {@link ShardSource} the mapping's readers use
 * (so the figure includes turning each record into the JSON Lambda delivers), at the same records per GetRecords,
 * timed like a mapping run: from the start to the moment the last record written has been read (the empty read that
 * tells a reader its shard is done is not counted, as a mapping's last record is done before it). A mapping near it
 * is held by the source, not by its invocations.
 *
 * @param recordsPerRead the Limit of each GetRecords
 * @param records records read in the pass
 * @param seconds from the pass's start to the last record read
 */
record ReadCeiling(int recordsPerRead, long records, double seconds) {
  /** Timed passes when a page size is first measured, after an untimed one that warms the JIT up. */
  static final int FIRST_PASSES = 2;

  double recordsPerSecond() {
    return records / seconds;
  }

  /** The faster of two. */
  ReadCeiling fastest(ReadCeiling other) {
    return other.recordsPerSecond() > recordsPerSecond() ? other : this;
  }

  /** An untimed pass, then the fastest of {@link #FIRST_PASSES} timed ones. */
  static ReadCeiling measure(ShardSource source, int recordsPerRead, long expected) throws InterruptedException {
    pass(source, recordsPerRead, expected);
    ReadCeiling best = pass(source, recordsPerRead, expected);
    for (int i = 1; i < FIRST_PASSES; i++) {
      best = best.fastest(pass(source, recordsPerRead, expected));
    }
    return best;
  }

  /** One timed pass over every shard, one thread per shard, each joined. */
  static ReadCeiling pass(ShardSource source, int recordsPerRead, long expected) throws InterruptedException {
    AtomicLong read = new AtomicLong();
    AtomicLong lastRecordNanos = new AtomicLong();
    long start = System.nanoTime();
    AllAtOnce.run("measuring the read ceiling", source.shardIds(), shardId -> {
      readShard(source, shardId, recordsPerRead, read, expected, lastRecordNanos);
      return shardId;
    });
    if (read.get() != expected) {
      throw new IllegalStateException("the read ceiling's readers found " + read.get() + " records, not the "
          + expected + " written");
    }
    return new ReadCeiling(recordsPerRead, read.get(), (lastRecordNanos.get() - start) / 1e9);
  }

  /**
   * One shard until it gives an empty page (or ends), or every record written has been read; {@code lastRecordNanos}
   * is set by the read that brings the count to {@code expected}.
   */
  private static void readShard(ShardSource source, String shardId, int recordsPerRead, AtomicLong read,
      long expected, AtomicLong lastRecordNanos) {
    String iterator = source.iteratorAt(shardId, StartingPosition.TRIM_HORIZON, null);
    while (iterator != null && read.get() < expected) {
      ShardSource.ShardPage page = source.read(shardId, iterator, recordsPerRead);
      if (page.records().isEmpty()) {
        return;
      }
      if (read.addAndGet(page.records().size()) >= expected) {
        lastRecordNanos.set(System.nanoTime());
      }
      iterator = page.nextIterator();
    }
  }
}
