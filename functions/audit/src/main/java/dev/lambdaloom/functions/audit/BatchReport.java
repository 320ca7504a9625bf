package dev.lambdaloom.functions.audit;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.lambdaloom.core.batch.BatchResult;
import dev.lambdaloom.core.batch.RecordOutcome;
import java.util.function.Consumer;

/**
 * Turns a batch's outcomes into Lambda's partial batch response (every record not applied, by sequence number, so
 * Lambda delivers exactly those again) and one log line per such record saying why.
 */
final class BatchReport {
  private BatchReport() {}

  static StreamsEventResponse respond(BatchResult<DeliveredRecord> result, Consumer<String> log) {
    for (RecordOutcome<DeliveredRecord> outcome : result.outcomes()) {
      String record = "audit: record " + outcome.record().itemId();
      switch (outcome) {
        case RecordOutcome.Applied<DeliveredRecord> applied -> {}
        case RecordOutcome.Failed<DeliveredRecord> failed when failed.cause() instanceof BadRecordException bad ->
            log.accept(record + " rejected: " + bad.getMessage());
        case RecordOutcome.Failed<DeliveredRecord> failed -> log.accept(record + " failed: " + failed.cause());
        case RecordOutcome.SkippedAfterFailure<DeliveredRecord> skipped ->
            log.accept(record + " not applied: record " + skipped.failedItemId() + " of its item failed before it");
        case RecordOutcome.NotStarted<DeliveredRecord> notStarted ->
            log.accept(record + " not started: too close to the timeout");
      }
    }
    return new StreamsEventResponse(
        result.itemFailures().stream().map(StreamsEventResponse.BatchItemFailure::new).toList());
  }
}
