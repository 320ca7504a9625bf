package dev.lambdaloom.bench.streams;

import dev.lambdaloom.emulator.events.ShardSource;
import dev.lambdaloom.emulator.events.StartingPosition;

/**
 * How fast the source itself gives its records to a reader that does nothing with them: every shard read from
 * TRIM_HORIZON to its end in a tight loop, one thread per shard, through the same {@link ShardSource} the mapping's
 * readers use (so the figure includes turning each record into the JSON Lambda delivers), at the same records per
 * GetRecords. A mapping near it is held by the source, not by its invocations. One untimed pass first, so the timed
 * ones do not pay for the JIT; the fastest of {@link #TIMED_PASSES} counts (the others were slowed by something else
 * on the machine, not by the source).
 *
 * @param recordsPerRead the Limit of each GetRecords
 * @param records records read in the fastest timed pass
 * @param seconds until the last shard was read to its end, in that pass
 */
record ReadCeiling(int recordsPerRead, long records, double seconds) {
  static final int TIMED_PASSES = 3;

  double recordsPerSecond() {
    return records / seconds;
  }

  static ReadCeiling measure(ShardSource source, int recordsPerRead, long expected) throws InterruptedException {
    readAll(source, recordsPerRead, expected);
    ReadCeiling best = null;
    for (int pass = 0; pass < TIMED_PASSES; pass++) {
      long start = System.nanoTime();
      long records = readAll(source, recordsPerRead, expected);
      ReadCeiling here = new ReadCeiling(recordsPerRead, records, (System.nanoTime() - start) / 1e9);
      if (best == null || here.recordsPerSecond() > best.recordsPerSecond()) {
        best = here;
      }
    }
    return best;
  }

  /** Reads every shard to its end at once, one thread per shard, returns how many records they read. */
  private static long readAll(ShardSource source, int recordsPerRead, long expected) throws InterruptedException {
    long read = AllAtOnce.run("measuring the read ceiling", source.shardIds(),
        shardId -> readShard(source, shardId, recordsPerRead)).stream().mapToLong(Long::longValue).sum();
    if (read != expected) {
      throw new IllegalStateException("the read ceiling's readers found " + read + " records, not the " + expected
          + " written");
    }
    return read;
  }

  /** One shard to the end of what it holds now: the first empty page (or the end of a closed shard). */
  private static long readShard(ShardSource source, String shardId, int recordsPerRead) {
    long read = 0;
    String iterator = source.iteratorAt(shardId, StartingPosition.TRIM_HORIZON, null);
    while (iterator != null) {
      ShardSource.ShardPage page = source.read(shardId, iterator, recordsPerRead);
      if (page.records().isEmpty()) {
        break;
      }
      read += page.records().size();
      iterator = page.nextIterator();
    }
    return read;
  }
}
