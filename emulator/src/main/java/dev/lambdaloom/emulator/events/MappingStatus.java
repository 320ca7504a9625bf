package dev.lambdaloom.emulator.events;

import java.time.Instant;
import java.util.Map;

/**
 * A mapping at one moment.
 *
 * @param state Enabled or Disabled
 * @param lastProcessingResult GetEventSourceMapping's LastProcessingResult ("OK", "PROBLEM: Function call failed",
 *     "No records processed")
 * @param lastModified when the state last changed
 * @param positions per shard (or "queue"), the checkpoint: the last sequence number done, or empty
 * @param lag records written to the source and not yet done (a stream: behind the checkpoint; a queue: visible
 *     messages), -1 when not known
 * @param counters what it has done so far
 */
public record MappingStatus(MappingState state, String lastProcessingResult, Instant lastModified,
    Map<String, String> positions, long lag, MappingCounters counters) {
  public MappingStatus {
    positions = Map.copyOf(positions);
  }
}
