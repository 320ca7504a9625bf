package dev.lambdaloom.emulator.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LambdaServiceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Takes one batch of a shard from its first invocation to the end of its records: each done, or given up. Lambda's
 * documented rules for streams, in this order: records older than MaximumRecordAgeInSeconds are given up before they
 * are sent; a batch that fails (the function fails, or reports item failures) is done up to the first failed record;
 * the rest is split in two when BisectBatchOnFunctionError is on (splitting does not use up a retry), else retried as
 * long as MaximumRetryAttempts allows; then given up: described to the OnFailure destination, and the checkpoint moves
 * on. One instance per batch, on its lane's thread.
 */
final class StreamBatchRun {
  /** The first retry waits this long, each next one twice as long, up to {@link #MAX_BACKOFF}. */
  static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

  private final StreamMapping mapping;
  private final String shardId;
  private final Clock clock;
  /** The lane's tumbling window, or null without TumblingWindowInSeconds. */
  private final TumblingWindow window;

  /** A part of the batch still to send, with the retries it has used and how often its records were sent. */
  private record Part(List<TrackedRecord> records, int retries, int invokeCount) {}

  StreamBatchRun(StreamMapping mapping, String shardId, Clock clock, TumblingWindow window) {
    this.mapping = mapping;
    this.shardId = shardId;
    this.clock = clock;
    this.window = window;
  }

  /**
   * The window's last invocation: no records, {@code isFinalInvokeForWindow: true}, the state so far; retried like a
   * batch, then the window closes whatever the outcome (there are no records to give up).
   */
  void finishWindow() throws InterruptedException {
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.putArray("Records");
    window.decorate(event, shardId, mapping.config().eventSourceArn(), true);
    byte[] bytes = Json.bytes(event);
    for (int retries = 0; ; retries++) {
      mapping.tally().invocations.increment();
      InvokeResult result;
      try {
        result = mapping.invoker().invoke(mapping.config().functionName(), bytes,
            new InvocationCause.MappingBatch(mapping.config().uuid(), mapping.config().eventSourceArn(), shardId,
                "", "", 0, retries, window.start(), window.end()));
      } catch (LambdaServiceException e) {
        result = null;
      }
      if (result != null && !result.failed()) {
        break;
      }
      if (!mapping.config().settings().mayRetry(retries)) {
        mapping.log("the final invocation of the window " + window.start() + " of " + shardId + " failed; the window"
            + " closes without it");
        break;
      }
      mapping.tally().retries.increment();
      backoff(retries);
    }
    window.close();
  }

  void run(List<TrackedRecord> batch) throws InterruptedException {
    Deque<Part> work = new ArrayDeque<>();
    work.push(new Part(batch, 0, 0));
    MappingSettings settings = mapping.config().settings();
    while (!work.isEmpty()) {
      Part part = work.pop();
      List<TrackedRecord> records = dropExpired(part);
      if (records.isEmpty()) {
        continue;
      }
      int attempt = part.invokeCount() + 1;
      Attempt outcome = invoke(records, part.retries());
      BatchVerdict verdict = outcome.verdict();
      switch (verdict) {
        case BatchVerdict.Done() -> mapping.done(shardId, records);
        case BatchVerdict.FailedFrom(int index, String reason, boolean functionError) -> {
          mapping.done(shardId, records.subList(0, index));
          List<TrackedRecord> rest = records.subList(index, records.size());
          mapping.log("batch of " + records.size() + " from " + shardId + " (" + first(records) + ".."
              + last(records) + ", attempt " + attempt + ") failed: " + reason);
          if (settings.bisectOnError() && rest.size() > 1) {
            int half = rest.size() / 2;
            work.push(new Part(List.copyOf(rest.subList(half, rest.size())), part.retries(), attempt));
            work.push(new Part(List.copyOf(rest.subList(0, half)), part.retries(), attempt));
            mapping.tally().retries.increment();
          } else if (settings.mayRetry(part.retries())) {
            backoff(part.retries());
            work.push(new Part(List.copyOf(rest), part.retries() + 1, attempt));
            mapping.tally().retries.increment();
          } else {
            giveUp(rest, FailureCondition.RetryAttemptsExhausted, attempt, outcome.requestId(),
                functionError ? outcome.functionError() : null);
          }
        }
      }
    }
  }

  /** @param functionError X-Amz-Function-Error of the last invocation ("Unhandled"), null when it answered */
  private record Attempt(BatchVerdict verdict, String requestId, String functionError) {}

  private Attempt invoke(List<TrackedRecord> records, int retries) throws InterruptedException {
    // Before the payload is written out, so an observer's gathered-to-invoked time includes making it.
    long gathered = System.nanoTime();
    ObjectNode event = payload(records);
    if (window != null) {
      window.decorate(event, shardId, mapping.config().eventSourceArn(), false);
    }
    byte[] bytes = Json.bytes(event);
    InvocationCause cause = new InvocationCause.MappingBatch(mapping.config().uuid(),
        mapping.config().eventSourceArn(), shardId, first(records), last(records), records.size(), retries,
        records.getFirst().record().arrival(), records.getLast().record().arrival());
    while (true) {
      mapping.tally().invocations.increment();
      mapping.tally().recordsDelivered.add(records.size());
      try {
        long invoked = System.nanoTime();
        InvokeResult result = mapping.invoker().invoke(mapping.config().functionName(), bytes, cause);
        mapping.observer().invoked(shardId, records.size(), result, gathered, invoked, System.nanoTime());
        BatchVerdict verdict = BatchVerdicts.read(result, plain(records),
            mapping.config().settings().reportBatchItemFailures());
        if (window != null && verdict instanceof BatchVerdict.Done) {
          String problem = window.absorb(result);
          if (problem != null) {
            mapping.log(problem);
          }
        }
        mapping.lastResult(verdict instanceof BatchVerdict.Done ? "OK" : "PROBLEM: Function call failed");
        return new Attempt(verdict, result.requestId(), result.functionError());
      } catch (LambdaServiceException e) {
        if (e.httpStatus() == 429) {
          // Throttled: Lambda waits and tries again, without using up a retry.
          mapping.lastResult("PROBLEM: Function call throttled");
          backoff(retries);
          continue;
        }
        mapping.lastResult("PROBLEM: " + e.getMessage());
        return new Attempt(new BatchVerdict.FailedFrom(0, "the Lambda service refused the call: " + e.getMessage(),
            true), null, "Unhandled");
      }
    }
  }

  /** Gives up the records of {@code part} older than MaximumRecordAgeInSeconds, returns the others. */
  private List<TrackedRecord> dropExpired(Part part) {
    if (mapping.config().settings().maximumRecordAge().isEmpty()) {
      return part.records();
    }
    Instant oldest = clock.instant().minus(mapping.config().settings().maximumRecordAge().get());
    List<TrackedRecord> expired = new ArrayList<>();
    List<TrackedRecord> fresh = new ArrayList<>();
    for (TrackedRecord record : part.records()) {
      (record.record().arrival().isBefore(oldest) ? expired : fresh).add(record);
    }
    if (!expired.isEmpty()) {
      giveUp(expired, FailureCondition.RecordAgeExceeded, part.invokeCount(), null, null);
    }
    return fresh;
  }

  private void giveUp(List<TrackedRecord> records, FailureCondition condition, int invokeCount, String requestId,
      String functionError) {
    FailedBatch failed = new FailedBatch(shardId, plain(records), condition, invokeCount, requestId, functionError);
    mapping.giveUp(failed, payload(records));
    mapping.done(shardId, records);
  }

  private void backoff(int retries) throws InterruptedException {
    long millis = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(retries, 16));
    Thread.sleep(millis);
  }

  static ObjectNode payload(List<TrackedRecord> records) {
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    ArrayNode array = event.putArray("Records");
    records.forEach(r -> array.add(r.record().json()));
    return event;
  }

  private static List<ShardRecord> plain(List<TrackedRecord> records) {
    return records.stream().map(TrackedRecord::record).toList();
  }

  private static String first(List<TrackedRecord> records) {
    return records.getFirst().record().sequenceNumber();
  }

  private static String last(List<TrackedRecord> records) {
    return records.getLast().record().sequenceNumber();
  }
}
