package dev.lambdaloom.services.kinesis;

/**
 * What is left of the {@link RetentionBound}: every append reserves its record here first, every deleted stream gives
 * its records back. Lock: this object's monitor guards both counters; it is taken inside a shard's lock and calls out
 * to nothing, so it is always the last lock taken.
 */
final class RetentionBudget {
  private final RetentionBound bound;
  private long records; // guarded by this
  private long bytes; // guarded by this

  RetentionBudget(RetentionBound bound) {
    this.bound = bound;
  }

  /** Takes one record of {@code size} bytes, or returns why not (nothing taken then). */
  synchronized Reservation reserve(long size) {
    if (records + 1 > bound.records()) {
      return new Reservation.Refused("KinesisLocal keeps at most " + bound.records() + " records in memory and holds "
          + records + " (records stay until their stream is deleted); delete a stream or start KinesisLocal with a"
          + " larger retention bound");
    }
    if (bytes + size > bound.bytes()) {
      return new Reservation.Refused("KinesisLocal keeps at most " + bound.bytes() + " bytes of records in memory and"
          + " holds " + bytes + ", too many for " + size + " more (records stay until their stream is deleted);"
          + " delete a stream or start KinesisLocal with a larger retention bound");
    }
    records++;
    bytes += size;
    return new Reservation.Taken();
  }

  synchronized void release(long releasedRecords, long releasedBytes) {
    records -= releasedRecords;
    bytes -= releasedBytes;
  }

  /** Whether a record fitted into the budget. */
  sealed interface Reservation {
    record Taken() implements Reservation {}

    record Refused(String reason) implements Reservation {}
  }
}
