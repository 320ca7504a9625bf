package dev.lambdaloom.functions.scavenger;

import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.Pipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Reads one segment of a parallel Scan, decides each completed item and sends the candidates on in batches. Keeps
 * its position: the key up to which every item is decided and every candidate sent, so that a run stopped at any
 * moment resumes with nothing missed and nothing read twice.
 */
final class SegmentScan implements Pipeline.Producer<Batch> {
  private static final Map<String, String> NAMES = Map.of(
      "#worker", WorkerTable.WORKER_ID, "#start", WorkerTable.START_TIME,
      "#started", WorkerTable.START_EXECUTION_TIME, "#completed", WorkerTable.COMPLETED);

  private final DynamoDbClient client;
  private final ScavengeSettings settings;
  private final int segment;
  private final ExpiryRule rule;
  private final int batchSize;
  private final RetriedRequests requests;
  private final Deadline stopScanningAt;
  private final Tally tally;
  private final CostEstimate perItem;
  private final PageListener listener;

  private volatile Map<String, AttributeValue> position;
  private volatile ScanPhase phase = ScanPhase.READING;

  SegmentScan(DynamoDbClient client, ScavengeSettings settings, SegmentStart start, ExpiryRule rule, int batchSize,
      RetriedRequests requests, Deadline stopScanningAt, Tally tally, CostEstimate perItem, PageListener listener) {
    this.client = client;
    this.settings = settings;
    this.segment = start.segment();
    this.position = start.after();
    this.rule = rule;
    this.batchSize = batchSize;
    this.requests = requests;
    this.stopScanningAt = stopScanningAt;
    this.tally = tally;
    this.perItem = perItem;
    this.listener = listener;
  }

  int segment() {
    return segment;
  }

  /** Where this segment goes on; null means its start (or, when finished, nothing). */
  Map<String, AttributeValue> position() {
    return position;
  }

  ScanPhase phase() {
    return phase;
  }

  @Override
  public void produce(Pipeline.Sink<Batch> sink) throws Exception {
    Map<String, AttributeValue> pageStart = position;
    for (long page = 0; ; page++) {
      ScanResponse response;
      switch (scan(pageStart)) {
        case RequestOutcome.Answered<ScanResponse>(ScanResponse answer) -> response = answer;
        case RequestOutcome.PutOff<ScanResponse>(Setback setback, Exception last) -> {
          phase = ScanPhase.after(setback); // position is this page's start: it is read again on resume
          tally.putOff(setback, 0, "segment " + segment + " stopped reading (" + last + "); it resumes where it stopped");
          return;
        }
      }
      listener.onPage(segment, response.items());
      // Counted as the position moves past them, so that items read again after a stop are not counted twice.
      Counts counts = new Counts();
      List<Candidate> pending = new ArrayList<>(batchSize);
      for (Map<String, AttributeValue> item : response.items()) {
        counts.scanned++;
        switch (rule.decide(item)) {
          case Verdict.Delete delete -> {
            counts.matched++;
            pending.add(delete.candidate());
          }
          case Verdict.Keep keep -> counts.kept++;
          case Verdict.Skip skip -> {
            counts.skipped++;
            tally.report("skipped " + WorkerTable.key(item) + ": " + skip.reason());
          }
        }
        if (pending.size() == batchSize) {
          sink.send(new Batch(segment, page, pageStart, pending));
          pending = new ArrayList<>(batchSize);
        }
        if (pending.isEmpty()) {
          position = WorkerTable.key(item); // everything up to here is decided and sent
          counts.addTo(tally);
        }
      }
      if (!pending.isEmpty()) {
        sink.send(new Batch(segment, page, pageStart, pending));
      }
      counts.addTo(tally);
      if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        position = null;
        phase = ScanPhase.FINISHED;
        return;
      }
      pageStart = response.lastEvaluatedKey();
      position = pageStart;
    }
  }

  /** Decisions not yet behind the position. */
  private static final class Counts {
    long scanned;
    long matched;
    long kept;
    long skipped;

    void addTo(Tally tally) {
      tally.scanned.add(scanned);
      tally.matched.add(matched);
      tally.kept.add(kept);
      tally.skipped.add(skipped);
      scanned = matched = kept = skipped = 0;
    }
  }

  /**
   * One page, its cost per item read measured (or, when the deadline cuts it, known to be at least the time so far
   * over the items asked for); waits between attempts end at the scanning deadline, when the pipeline would stop this
   * reader anyway.
   */
  private RequestOutcome<ScanResponse> scan(Map<String, AttributeValue> exclusiveStartKey) throws Exception {
    int limit = settings.pageSize().next(perItem, stopScanningAt);
    long started = System.nanoTime();
    try {
      RequestOutcome<ScanResponse> outcome = requests.send(stopScanningAt, () -> {
        tally.scanRequests.increment();
        return client.scan(request(exclusiveStartKey, limit));
      });
      if (outcome instanceof RequestOutcome.Answered<ScanResponse>(ScanResponse page) && page.scannedCount() > 0) {
        perItem.record(Duration.ofNanos(System.nanoTime() - started).dividedBy(page.scannedCount()));
      }
      return outcome;
    } catch (Exception e) {
      if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
        perItem.recordAtLeast(Duration.ofNanos(System.nanoTime() - started).dividedBy(limit));
      }
      throw e;
    }
  }

  private ScanRequest request(Map<String, AttributeValue> exclusiveStartKey, int limit) {
    return ScanRequest.builder()
        .tableName(settings.table())
        .segment(segment)
        .totalSegments(settings.totalSegments())
        .limit(limit)
        // Completed is a number in new items and a string in old ones: match both.
        .filterExpression("#completed = :n OR #completed = :s")
        .projectionExpression("#worker, #start, #started, #completed")
        .expressionAttributeNames(NAMES)
        .expressionAttributeValues(Map.of(":n", WorkerTable.COMPLETED_N, ":s", WorkerTable.COMPLETED_S))
        .exclusiveStartKey(exclusiveStartKey)
        .build();
  }
}
