package dev.lambdaloom.functions.scavenger;

import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.Pipeline;
import dev.lambdaloom.core.Retrier;
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
  private final Retrier retrier;
  private final Deadline finishBy;
  private final Tally tally;
  private final PageListener listener;

  private volatile Map<String, AttributeValue> position;
  private volatile boolean finished;

  SegmentScan(DynamoDbClient client, ScavengeSettings settings, SegmentStart start, ExpiryRule rule, int batchSize,
      Retrier retrier, Deadline finishBy, Tally tally, PageListener listener) {
    this.client = client;
    this.settings = settings;
    this.segment = start.segment();
    this.position = start.after();
    this.rule = rule;
    this.batchSize = batchSize;
    this.retrier = retrier;
    this.finishBy = finishBy;
    this.tally = tally;
    this.listener = listener;
  }

  int segment() {
    return segment;
  }

  /** Where this segment goes on; null means its start (or, when finished, nothing). */
  Map<String, AttributeValue> position() {
    return position;
  }

  boolean finished() {
    return finished;
  }

  @Override
  public void produce(Pipeline.Sink<Batch> sink) throws Exception {
    Map<String, AttributeValue> pageStart = position;
    for (long page = 0; ; page++) {
      ScanResponse response = scan(pageStart);
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
        finished = true;
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

  private ScanResponse scan(Map<String, AttributeValue> exclusiveStartKey) throws Exception {
    ScanRequest request = ScanRequest.builder()
        .tableName(settings.table())
        .segment(segment)
        .totalSegments(settings.totalSegments())
        .limit(settings.pageSize())
        // Completed is a number in new items and a string in old ones: match both.
        .filterExpression("#completed = :n OR #completed = :s")
        .projectionExpression("#worker, #start, #started, #completed")
        .expressionAttributeNames(NAMES)
        .expressionAttributeValues(Map.of(":n", WorkerTable.COMPLETED_N, ":s", WorkerTable.COMPLETED_S))
        .exclusiveStartKey(exclusiveStartKey)
        .build();
    return retrier.call(finishBy, () -> {
      tally.scanRequests.increment();
      return client.scan(request);
    }).value();
  }
}
