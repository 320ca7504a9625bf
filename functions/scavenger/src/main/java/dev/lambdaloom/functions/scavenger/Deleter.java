package dev.lambdaloom.functions.scavenger;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One delete request's worth of work: every delete conditional on the item still holding the StartExecutionTime and
 * Completed values it was scanned with, so an item updated after the scan is never removed.
 */
interface Deleter {
  /** The condition every design applies, as a condition expression. */
  String CONDITION = "#started = :started AND #completed = :completed";
  Map<String, String> CONDITION_NAMES =
      Map.of("#started", WorkerTable.START_EXECUTION_TIME, "#completed", WorkerTable.COMPLETED);

  /** Candidates per request. */
  int batchSize();

  /**
   * Sends one request for {@code pending} (at most {@link #batchSize()} candidates), counts what it settled (deleted,
   * condition failed, failed for good) in {@code tally} and removes those from {@code pending}; what is left is worth
   * another attempt. Throws when the whole request failed, leaving {@code pending} as it was.
   */
  void attempt(List<Candidate> pending, Tally tally) throws Exception;

  static Map<String, AttributeValue> conditionValues(Candidate candidate) {
    return Map.of(":started", candidate.startExecutionTime(), ":completed", candidate.completed());
  }
}
