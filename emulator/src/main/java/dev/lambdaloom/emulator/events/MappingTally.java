package dev.lambdaloom.emulator.events;

import java.util.concurrent.atomic.LongAdder;

/** A mapping's running counters, added to from many threads; {@link #snapshot()} reads them. */
final class MappingTally {
  final LongAdder invocations = new LongAdder();
  final LongAdder recordsDelivered = new LongAdder();
  final LongAdder recordsDone = new LongAdder();
  final LongAdder retries = new LongAdder();
  final LongAdder recordsFilteredOut = new LongAdder();
  final LongAdder recordsToDestination = new LongAdder();
  final LongAdder recordsDiscarded = new LongAdder();

  MappingCounters snapshot() {
    return new MappingCounters(invocations.sum(), recordsDelivered.sum(), recordsDone.sum(), retries.sum(),
        recordsFilteredOut.sum(), recordsToDestination.sum(), recordsDiscarded.sum());
  }
}
