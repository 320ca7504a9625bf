package dev.lambdaloom.core;

import java.util.List;

/**
 * What a {@link Pipeline} run did. {@code produced} items entered the channel; each was either consumed (its handler
 * returned) or is in {@code unconsumed} (its handler threw or was interrupted, or it was still buffered when the
 * channel was cancelled), so {@code produced == consumed + unconsumed.size()}. {@code failures} holds the failures that
 * stopped the run, not those caused by its own cancellation. {@code producers} is in the order the producers were
 * given.
 */
public record PipelineResult<T>(
    long produced,
    long consumed,
    List<T> unconsumed,
    List<ProducerReport> producers,
    List<Throwable> failures,
    StopReason stopReason) {

  public PipelineResult {
    unconsumed = List.copyOf(unconsumed);
    producers = List.copyOf(producers);
    failures = List.copyOf(failures);
  }

  public boolean stoppedByDeadline() {
    return stopReason == StopReason.DEADLINE;
  }
}
