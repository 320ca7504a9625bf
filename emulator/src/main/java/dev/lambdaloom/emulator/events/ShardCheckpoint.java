package dev.lambdaloom.emulator.events;

import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A shard's checkpoint: the sequence number up to which every record read is done (succeeded, filtered out or given
 * up). Records of one shard are done out of order when ParallelizationFactor runs several batches at once; the
 * checkpoint only moves past a record when every record before it is done too, so a restart from it never skips one.
 * Thread-safe: the shard's reader and its lanes call it; {@code lock} guards every field.
 */
final class ShardCheckpoint {
  private final ReentrantLock lock = new ReentrantLock();
  /** Sequence numbers by read index, from the checkpoint's record on; pruned as the checkpoint moves. */
  private final NavigableMap<Long, String> sequences = new TreeMap<>();
  private final TreeSet<Long> pending = new TreeSet<>();
  private long nextIndex;
  private String checkpoint;

  ShardCheckpoint(String resumeAfter) {
    this.checkpoint = resumeAfter;
  }

  /** Notes a record as read and not done; returns its read index. */
  long track(String sequenceNumber) {
    lock.lock();
    try {
      long index = nextIndex++;
      sequences.put(index, sequenceNumber);
      pending.add(index);
      return index;
    } finally {
      lock.unlock();
    }
  }

  void done(long index) {
    lock.lock();
    try {
      if (!pending.remove(index)) {
        throw new IllegalStateException("record " + index + " was done twice or never read");
      }
      long through = pending.isEmpty() ? nextIndex - 1 : pending.first() - 1;
      String sequence = sequences.get(through);
      if (sequence != null) {
        checkpoint = sequence;
        sequences.headMap(through, false).clear();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The last sequence number before which everything is done, or null when nothing is. */
  String checkpoint() {
    lock.lock();
    try {
      return checkpoint;
    } finally {
      lock.unlock();
    }
  }

  /** Records read and not done. */
  int pending() {
    lock.lock();
    try {
      return pending.size();
    } finally {
      lock.unlock();
    }
  }
}
