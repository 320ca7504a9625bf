package dev.lambdaloom.emulator.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdaloom.emulator.InvokeResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an invocation's outcome as Lambda does for a stream batch. With ReportBatchItemFailures, the response is a
 * partial batch response: the batch succeeded when the response is empty or null, has no {@code batchItemFailures}, or
 * an empty or null list; it failed as a whole when the response is not JSON, or an entry's {@code itemIdentifier} is
 * missing, null, empty, not a string, or not a sequence number of the batch; otherwise it failed from the lowest
 * sequence number listed (the checkpoint stops just before it).
 */
final class BatchVerdicts {
  private BatchVerdicts() {}

  static BatchVerdict read(InvokeResult result, List<ShardRecord> batch, boolean reportItemFailures) {
    if (result.failed()) {
      return new BatchVerdict.FailedFrom(0, "function error " + result.errorType(), true);
    }
    if (!reportItemFailures) {
      return new BatchVerdict.Done();
    }
    String text = result.payloadText().strip();
    if (text.isEmpty() || text.equals("null")) {
      return new BatchVerdict.Done();
    }
    JsonNode response;
    try {
      response = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return wholeBatch("the response is not JSON: " + e.getOriginalMessage());
    }
    if (!response.isObject()) {
      return wholeBatch("the response is not a JSON object");
    }
    JsonNode failures = response.get("batchItemFailures");
    if (failures == null || failures.isNull() || failures.isArray() && failures.isEmpty()) {
      return new BatchVerdict.Done();
    }
    if (!failures.isArray()) {
      return wholeBatch("batchItemFailures is not a list");
    }
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      positions.putIfAbsent(batch.get(i).sequenceNumber(), i);
    }
    int lowest = Integer.MAX_VALUE;
    for (JsonNode failure : failures) {
      JsonNode id = failure.isObject() ? failure.get("itemIdentifier") : null;
      if (id == null || !id.isTextual() || id.asText().isEmpty()) {
        return wholeBatch("a batchItemFailures entry has no itemIdentifier: " + failure);
      }
      Integer position = positions.get(id.asText());
      if (position == null) {
        return wholeBatch("itemIdentifier " + id.asText() + " is not a sequence number of the batch");
      }
      lowest = Math.min(lowest, position);
    }
    return new BatchVerdict.FailedFrom(lowest, "the function reported item failures from sequence number "
        + batch.get(lowest).sequenceNumber(), false);
  }

  private static BatchVerdict wholeBatch(String reason) {
    return new BatchVerdict.FailedFrom(0, "whole batch failed: " + reason, false);
  }
}
