package dev.lambdaloom.core.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything a {@link KeyedBatch} run did: one outcome per record, in input order. {@link #itemFailures()} is what a
 * function reports to Lambda as its partial batch response, so that exactly the records not applied come back.
 */
public final class BatchResult<R> {
  private final List<RecordOutcome<R>> outcomes;
  private final List<String> itemFailures;
  private final int applied;

  /** {@code itemIds.get(i)} is the item id of {@code outcomes.get(i)}. */
  BatchResult(List<RecordOutcome<R>> outcomes, List<String> itemIds) {
    if (outcomes.size() != itemIds.size()) {
      throw new IllegalArgumentException(outcomes.size() + " outcomes but " + itemIds.size() + " item ids");
    }
    this.outcomes = List.copyOf(outcomes);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      if (!(outcomes.get(i) instanceof RecordOutcome.Applied<R>)) failures.add(itemIds.get(i));
    }
    this.itemFailures = Collections.unmodifiableList(failures);
    this.applied = outcomes.size() - failures.size();
  }

  /** One per record, in input order. */
  public List<RecordOutcome<R>> outcomes() {
    return outcomes;
  }

  /** The item id of every outcome that is not {@link RecordOutcome.Applied}, in input order. */
  public List<String> itemFailures() {
    return itemFailures;
  }

  public boolean allApplied() {
    return itemFailures.isEmpty();
  }

  /** How many records were applied. */
  public int applied() {
    return applied;
  }

  @Override
  public String toString() {
    int failed = 0;
    int skipped = 0;
    int notStarted = 0;
    for (RecordOutcome<R> outcome : outcomes) {
      switch (outcome) {
        case RecordOutcome.Applied<R> a -> {}
        case RecordOutcome.Failed<R> f -> failed++;
        case RecordOutcome.SkippedAfterFailure<R> s -> skipped++;
        case RecordOutcome.NotStarted<R> n -> notStarted++;
      }
    }
    return "BatchResult[records=" + outcomes.size() + ", applied=" + applied + ", failed=" + failed
        + ", skippedAfterFailure=" + skipped + ", notStarted=" + notStarted + "]";
  }
}
