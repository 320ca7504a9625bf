package dev.lambdaloom.core.batch;

import java.util.Objects;

/** What became of one record of a {@link KeyedBatch} run. Every outcome but {@link Applied} is an item failure. */
public sealed interface RecordOutcome<R> {
  R record();

  /** The handler returned normally. */
  record Applied<R>(R record) implements RecordOutcome<R> {}

  /** The handler threw {@code cause}. */
  record Failed<R>(R record, Exception cause) implements RecordOutcome<R> {
    public Failed {
      Objects.requireNonNull(cause, "cause");
    }
  }

  /**
   * Never passed to the handler because an earlier record of its key, {@code failedItemId}, failed: applying it would
   * break the key's order.
   */
  record SkippedAfterFailure<R>(R record, String failedItemId) implements RecordOutcome<R> {
    public SkippedAfterFailure {
      Objects.requireNonNull(failedItemId, "failedItemId");
    }
  }

  /** Never passed to the handler because the run's start deadline expired before its turn came. */
  record NotStarted<R>(R record) implements RecordOutcome<R> {}
}
