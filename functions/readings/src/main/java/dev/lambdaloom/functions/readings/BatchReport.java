package dev.lambdaloom.functions.readings;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.lambdaloom.core.batch.BatchResult;
import dev.lambdaloom.core.batch.RecordOutcome;
import java.util.function.Consumer;

/**
 * Turns a batch's outcomes into Lambda's partial batch response (every record not applied, by sequence number) and
 * one log line per such record saying why.
 */
final class BatchReport {
  private BatchReport() {}

  static StreamsEventResponse respond(BatchResult<DeliveredReading> result, Consumer<String> log) {
    for (RecordOutcome<DeliveredReading> outcome : result.outcomes()) {
      String record = "readings: record " + outcome.record().itemId();
      String line = switch (outcome) {
        case RecordOutcome.Applied<DeliveredReading> applied -> null;
        case RecordOutcome.Failed<DeliveredReading> failed when failed.cause() instanceof MalformedReadingException bad ->
            " malformed: " + bad.getMessage();
        case RecordOutcome.Failed<DeliveredReading> failed -> " failed: " + failed.cause();
        case RecordOutcome.SkippedAfterFailure<DeliveredReading> skipped ->
            " not applied: record " + skipped.failedItemId() + " of its device failed before it";
        case RecordOutcome.NotStarted<DeliveredReading> notStarted -> " not started: too close to the timeout";
      };
      if (line != null) log.accept(record + line);
    }
    return new StreamsEventResponse(
        result.itemFailures().stream().map(StreamsEventResponse.BatchItemFailure::new).toList());
  }
}
