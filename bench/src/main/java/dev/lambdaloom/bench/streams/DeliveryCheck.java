package dev.lambdaloom.bench.streams;

import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a mapping did every record written exactly once and each partition key's records in stream order, from the
 * records as the mapping reported them done. Each count but {@code written}, {@code done} and {@code keys} must be 0.
 *
 * @param written records written
 * @param done records reported done (with repeats)
 * @param keys partition keys seen
 * @param lost written and never done
 * @param duplicated done again after being done once (each repeat counts)
 * @param outOfOrder done after a record of the same key with a higher or equal sequence number: per key, sequence
 *     numbers done must strictly increase
 * @param unknown done but never written
 */
record DeliveryCheck(long written, long done, int keys, long lost, long duplicated, long outOfOrder, long unknown) {

  static DeliveryCheck of(Collection<String> writtenIds, List<RunObserver.Done> done) {
    Set<String> written = new HashSet<>(writtenIds);
    Set<String> seen = new HashSet<>();
    Map<String, BigInteger> lastSequence = new HashMap<>();
    long duplicated = 0;
    long outOfOrder = 0;
    long unknown = 0;
    for (RunObserver.Done record : done) {
      if (!written.contains(record.id())) {
        unknown++;
      } else if (!seen.add(record.id())) {
        duplicated++;
      }
      BigInteger sequence = new BigInteger(record.sequenceNumber());
      BigInteger before = lastSequence.put(record.key(), sequence);
      if (before != null && sequence.compareTo(before) <= 0) {
        outOfOrder++;
      }
    }
    long lost = written.stream().filter(id -> !seen.contains(id)).count();
    return new DeliveryCheck(written.size(), done.size(), lastSequence.size(), lost, duplicated, outOfOrder, unknown);
  }

  /** Every record written done once, in order per key, nothing else. */
  boolean clean() {
    return lost == 0 && duplicated == 0 && outOfOrder == 0 && unknown == 0;
  }
}
