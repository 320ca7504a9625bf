package dev.lambdaloom.functions.scavenger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Decides one scanned item: completed items whose StartExecutionTime (RFC 3339) is more than {@code maxAge} before
 * {@code now} go. An item without a readable StartExecutionTime is skipped, never fatal (the article's function
 * stopped the whole run on the first such item).
 */
record ExpiryRule(Instant now, Duration maxAge) {
  Verdict decide(Map<String, AttributeValue> item) {
    AttributeValue completed = item.get(WorkerTable.COMPLETED);
    if (!WorkerTable.COMPLETED_N.equals(completed) && !WorkerTable.COMPLETED_S.equals(completed)) {
      return new Verdict.Keep(); // the scan's filter should have left it out; never delete on doubt
    }
    if (item.get(WorkerTable.WORKER_ID) == null || item.get(WorkerTable.START_TIME) == null) {
      return new Verdict.Skip("no primary key in the scanned item");
    }
    AttributeValue started = item.get(WorkerTable.START_EXECUTION_TIME);
    if (started == null) {
      return new Verdict.Skip("StartExecutionTime missing");
    }
    if (started.s() == null) {
      return new Verdict.Skip("StartExecutionTime is not a string: " + started);
    }
    Instant startedAt;
    try {
      startedAt = OffsetDateTime.parse(started.s()).toInstant();
    } catch (DateTimeParseException e) {
      return new Verdict.Skip("StartExecutionTime is not RFC 3339: '" + abbreviate(started.s()) + "'");
    }
    if (Duration.between(startedAt, now).compareTo(maxAge) <= 0) {
      return new Verdict.Keep();
    }
    return new Verdict.Delete(new Candidate(WorkerTable.key(item), started, completed));
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
