package dev.lambdaloom.emulator.events;

/**
 * What a mapping has done since it started.
 *
 * @param invocations function invocations, retries included
 * @param recordsDelivered records in those invocations' batches, retries included
 * @param recordsDone records checkpointed (streams) or deleted (queues) after success
 * @param retries invocations that repeated a failed batch (or half of it, bisected)
 * @param recordsFilteredOut records dropped by FilterCriteria, never delivered
 * @param recordsToDestination records whose batch was given up and sent to the on-failure destination
 * @param recordsDiscarded records given up with no destination configured (or too old: MaximumRecordAgeInSeconds)
 */
public record MappingCounters(long invocations, long recordsDelivered, long recordsDone, long retries,
    long recordsFilteredOut, long recordsToDestination, long recordsDiscarded) {
  public static final MappingCounters ZERO = new MappingCounters(0, 0, 0, 0, 0, 0, 0);
}
