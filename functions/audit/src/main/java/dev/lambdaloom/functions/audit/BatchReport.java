package dev.lambdaloom.functions.audit;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.lambdaloom.core.batch.BatchResult;
import dev.lambdaloom.core.batch.RecordOutcome;

/**
 * Turns a batch's outcomes into Lambda's partial batch response (every record not applied, by sequence number, so
 * Lambda delivers exactly those again) and one log line per such record saying why.
 */
final class BatchReport {
  private BatchReport() {}

  static StreamsEventResponse respond(BatchResult<DeliveredRecord> result, LambdaLogger log) {
    for (RecordOutcome<DeliveredRecord> outcome : result.outcomes()) {
      String record = "audit: record " + outcome.record().itemId();
      switch (outcome) {
        case RecordOutcome.Applied<DeliveredRecord> applied -> {}
        case RecordOutcome.Failed<DeliveredRecord> failed when failed.cause() instanceof BadRecordException bad ->
            log.log(record + " rejected: " + bad.getMessage() + "\n");
        case RecordOutcome.Failed<DeliveredRecord> failed -> log.log(record + " failed: " + failed.cause() + "\n");
        case RecordOutcome.SkippedAfterFailure<DeliveredRecord> skipped ->
            log.log(record + " not applied: record " + skipped.failedItemId() + " of its item failed before it\n");
        case RecordOutcome.NotStarted<DeliveredRecord> notStarted ->
            log.log(record + " not started: too close to the timeout\n");
      }
    }
    return new StreamsEventResponse(
        result.itemFailures().stream().map(StreamsEventResponse.BatchItemFailure::new).toList());
  }
}
