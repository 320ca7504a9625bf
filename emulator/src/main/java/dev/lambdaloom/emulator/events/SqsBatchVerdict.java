package dev.lambdaloom.emulator.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What an invocation's result means for the messages of its batch, by the rules Lambda documents for SQS
 * ({@code ReportBatchItemFailures}): which to delete and which to leave for the queue to deliver again.
 */
sealed interface SqsBatchVerdict {
  /** Every message succeeded: delete them all. */
  record AllSucceeded() implements SqsBatchVerdict {}

  /** The function reported these message ids as failed: delete the others. */
  record SomeFailed(Set<String> failedIds) implements SqsBatchVerdict {
    public SomeFailed {
      failedIds = Set.copyOf(failedIds);
    }
  }

  /** The whole batch failed: delete nothing, the queue delivers every message again after its visibility timeout. */
  record AllFailed(String reason) implements SqsBatchVerdict {}

  /**
   * The verdict on a finished invocation. A function error fails the batch. Without ReportBatchItemFailures, success
   * is success. With it: a response that is empty, {@code null}, an object without {@code batchItemFailures} or with
   * a null or empty list means all succeeded; a response that is not JSON or not an object, or an item whose
   * {@code itemIdentifier} is missing, null, empty or not a message id of the batch, fails the whole batch.
   */
  static SqsBatchVerdict of(boolean functionFailed, byte[] response, boolean reportsItemFailures,
      Set<String> batchIds) {
    if (functionFailed) {
      return new AllFailed("the function failed");
    }
    if (!reportsItemFailures || response.length == 0) {
      return new AllSucceeded();
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(response);
    } catch (IOException e) {
      return new AllFailed("the response is not JSON: " + e.getMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new AllSucceeded();
    }
    if (!root.isObject()) {
      return new AllFailed("the response is not an object with batchItemFailures but " + root.getNodeType());
    }
    JsonNode failures = root.get("batchItemFailures");
    if (failures == null || failures.isNull() || failures.isArray() && failures.isEmpty()) {
      return new AllSucceeded();
    }
    if (!failures.isArray()) {
      return new AllFailed("batchItemFailures is not a list");
    }
    Set<String> failed = new LinkedHashSet<>();
    for (JsonNode item : failures) {
      JsonNode id = item.get("itemIdentifier");
      if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
        return new AllFailed("a batchItemFailures entry has no itemIdentifier: " + item);
      }
      if (!batchIds.contains(id.textValue())) {
        return new AllFailed("itemIdentifier " + id.textValue() + " is not a message of the batch");
      }
      failed.add(id.textValue());
    }
    return new SomeFailed(failed);
  }
}
