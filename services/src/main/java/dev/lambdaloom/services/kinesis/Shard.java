package dev.lambdaloom.services.kinesis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One shard's records, in the order it accepted them. Writers and readers of different shards never wait for each
 * other. Lock: {@link #lock} guards {@link #records}, {@link #bytes}, {@link #lastArrival} and {@link #retired};
 * inside it only the {@link RetentionBudget}'s monitor is taken. Records are never removed while the shard lives, so
 * a record's position is its index in {@link #records}.
 */
final class Shard {
  private final String streamName;
  private final int index;
  private final HashKeyRange hashKeys;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<StoredRecord> records = new ArrayList<>();
  private long bytes;
  private Instant lastArrival = Instant.EPOCH;
  private boolean retired;

  Shard(String streamName, int index, HashKeyRange hashKeys) {
    this.streamName = streamName;
    this.index = index;
    this.hashKeys = hashKeys;
  }

  int index() {
    return index;
  }

  /** shardId-000000000000, as Kinesis names shards. */
  String id() {
    return idOf(index);
  }

  static String idOf(int index) {
    return "shardId-%012d".formatted(index);
  }

  HashKeyRange hashKeys() {
    return hashKeys;
  }

  /** The first sequence number this shard gives (or gave). */
  SequenceNumber startingSequenceNumber() {
    return new SequenceNumber(index, 0);
  }

  /**
   * Stores a record at the end of the shard if the budget has room for it.
   *
   * @param now the arrival time; a clock that went back gives the previous record's arrival time instead, so that
   *     arrival times never decrease along the shard and AT_TIMESTAMP can search them
   */
  Append append(String partitionKey, byte[] data, Instant now, RetentionBudget budget) throws KinesisFailure {
    long size = StoredRecord.size(data, partitionKey);
    lock.lock();
    try {
      requireLive();
      return switch (budget.reserve(size)) {
        case RetentionBudget.Reservation.Refused refused -> new Append.Refused(id(), refused.reason());
        case RetentionBudget.Reservation.Taken taken -> {
          SequenceNumber sequenceNumber = new SequenceNumber(index, records.size());
          lastArrival = now.isAfter(lastArrival) ? now : lastArrival;
          records.add(new StoredRecord(sequenceNumber, partitionKey, data, lastArrival));
          bytes += size;
          yield new Append.Stored(id(), sequenceNumber);
        }
      };
    } finally {
      lock.unlock();
    }
  }

  /**
   * Up to {@code limit} records from {@code from} on, no more than {@code maxBytes} of them (but at least one, if there
   * is one: a record is never larger than a read may return).
   */
  Batch read(long from, int limit, long maxBytes, Instant now) throws KinesisFailure {
    lock.lock();
    try {
      requireLive();
      int start = (int) Math.min(from, records.size());
      List<StoredRecord> batch = new ArrayList<>(Math.min(limit, records.size() - start));
      long size = 0;
      int next = start;
      while (next < records.size() && batch.size() < limit) {
        StoredRecord record = records.get(next);
        if (!batch.isEmpty() && size + record.size() > maxBytes) {
          break;
        }
        size += record.size();
        batch.add(record);
        next++;
      }
      // How far the reader is from the tip: the age of the first record it has not been given yet.
      Duration behind = next == records.size() ? Duration.ZERO : Duration.between(records.get(next).arrival(), now);
      return new Batch(List.copyOf(batch), next, Math.max(0, behind.toMillis()));
    } finally {
      lock.unlock();
    }
  }

  /** The position the next record will take. */
  long tip() throws KinesisFailure {
    lock.lock();
    try {
      requireLive();
      return records.size();
    } finally {
      lock.unlock();
    }
  }

  /** The position of the first record that arrived at or after {@code time}, the tip if none did. */
  long positionAt(Instant time) throws KinesisFailure {
    lock.lock();
    try {
      requireLive();
      int low = 0;
      int high = records.size();
      while (low < high) {
        int middle = (low + high) >>> 1;
        if (records.get(middle).arrival().isBefore(time)) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      return low;
    } finally {
      lock.unlock();
    }
  }

  /** Ends the shard with its stream: later calls fail as for a deleted stream; its records go back to the budget. */
  void retire(RetentionBudget budget) {
    lock.lock();
    try {
      if (!retired) {
        retired = true;
        budget.release(records.size(), bytes);
        records.clear();
        bytes = 0;
      }
    } finally {
      lock.unlock();
    }
  }

  private void requireLive() throws KinesisFailure {
    if (retired) {
      throw new KinesisFailure(KinesisError.RESOURCE_NOT_FOUND, "Stream " + streamName + " was deleted");
    }
  }

  /**
   * Records read from a shard.
   *
   * @param next the position after the last record returned
   * @param millisBehindLatest 0 when the read reached the tip, else the age of the next unread record
   */
  record Batch(List<StoredRecord> records, long next, long millisBehindLatest) {}
}
