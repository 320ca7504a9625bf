package dev.lambdaloom.functions.scavenger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

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

  /** Per-item error codes that say nothing about the item: the table is gone or out of reach for every item alike. */
  Set<String> TABLE_ERRORS = Set.of("ResourceNotFound", "AccessDenied");

  /**
   * A per-item error that another attempt cannot fix: counted as failed and reported, the item left in place; or, when
   * it is about the table rather than the item, thrown as the SDK's exception so that the run stops.
   */
  static void failed(Candidate candidate, String code, String message, Tally tally) {
    if (TABLE_ERRORS.contains(code)) {
      throw DynamoDbException.builder()
          .message(code + ": " + message + " (deleting " + candidate.key() + ")")
          .statusCode(400)
          .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("DynamoDb").build())
          .build();
    }
    tally.failed.increment();
    tally.report("delete of " + candidate.key() + " failed: " + code + " " + message);
  }

  static Map<String, AttributeValue> conditionValues(Candidate candidate) {
    return Map.of(":started", candidate.startExecutionTime(), ":completed", candidate.completed());
  }
}
