package dev.lambdaloom.functions.scavenger;

import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.Pipeline;
import dev.lambdaloom.core.PipelineResult;
import dev.lambdaloom.core.ProducerReport;
import dev.lambdaloom.core.Retrier;
import dev.lambdaloom.core.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Deletes the expired, completed worker records of a table: one reader per scan segment feeds batches of candidates
 * through core's {@link Pipeline} (bounded, so readers wait for slow deleters) to {@code deletesInFlight} deleters.
 *
 * <p>Two deadlines. At {@code stopScanningAt} the readers stop and the deleters drain what was handed over; at
 * {@code finishBy} whatever is still running is interrupted. Every batch that was not settled by then sends its
 * segment's resume point back to the start of the page it came from, so a resumed run reads it again: items already
 * deleted are gone, the others are decided afresh. No item is missed and none is deleted twice.
 */
final class Scavenger {
  /** Throttling backs off from 25 ms up to 2 s, as long as the deadline allows. */
  static final RetryPolicy RETRIES = new RetryPolicy(12, Duration.ofMillis(25), Duration.ofSeconds(2));

  private final DynamoDbClient client;
  private final Clock clock;
  private final PageListener listener;

  Scavenger(DynamoDbClient client, Clock clock) {
    this(client, clock, PageListener.NONE);
  }

  Scavenger(DynamoDbClient client, Clock clock, PageListener listener) {
    this.client = client;
    this.clock = clock;
    this.listener = listener;
  }

  ScavengeResult run(ScavengeSettings settings, Resume resume, Deadline stopScanningAt, Deadline finishBy)
      throws InterruptedException {
    long start = System.nanoTime();
    if (resume.totalSegments() != settings.totalSegments()) {
      settings = settings.withTotalSegments(resume.totalSegments()); // a scan keeps its segmentation to the end
    }
    Tally tally = new Tally();
    Retrier retrier = Retrier.builder()
        .policy(RETRIES)
        .retryOn(Retryable.failures())
        .listener((attempt, delay, cause) -> {
          if (cause instanceof Throwable t && Retryable.isThrottle(t)) tally.throttled.increment();
        })
        .build();
    Deleter deleter = settings.deleteMode().deleter(client, settings.table());
    BatchSettler settler = new BatchSettler(deleter, retrier, tally);
    ExpiryRule rule = new ExpiryRule(clock.instant(), settings.maxAge());
    List<SegmentScan> scans = new ArrayList<>();
    for (SegmentStart segment : resume.segments()) {
      scans.add(new SegmentScan(client, settings, segment, rule, deleter.batchSize(), retrier, finishBy, tally,
          listener));
    }

    // The earliest unsettled batch of each segment: its page is where that segment resumes.
    Map<Integer, Batch> rewinds = new ConcurrentHashMap<>();
    boolean dryRun = settings.dryRun();
    Pipeline pipeline = Pipeline.withCapacity(settings.deletesInFlight())
        .consumers(settings.deletesInFlight())
        .stopProducingAt(stopScanningAt)
        .interruptAt(finishBy);
    PipelineResult<Batch> result = pipeline.run(scans, batch -> {
      if (dryRun) return;
      if (!settler.settle(batch.candidates(), finishBy).isEmpty()) rewind(rewinds, batch);
    });
    for (Batch batch : result.unconsumed()) {
      if (!dryRun) tally.deferred.add(batch.candidates().size());
      rewind(rewinds, batch);
    }

    List<SegmentStart> unfinished = new ArrayList<>();
    for (SegmentScan scan : scans) {
      Batch rewind = rewinds.get(scan.segment());
      if (rewind != null) {
        unfinished.add(new SegmentStart(scan.segment(), rewind.pageStart()));
      } else if (!scan.finished()) {
        unfinished.add(new SegmentStart(scan.segment(), scan.position()));
      }
    }
    List<String> errors = result.failures().stream().map(Throwable::toString).toList();
    boolean stoppedByDeadline = result.stoppedByDeadline()
        || result.producers().stream().anyMatch(p -> p.state() == ProducerReport.State.STOPPED);
    return new ScavengeResult(tally.scanned.sum(), tally.matched.sum(), tally.kept.sum(), tally.skipped.sum(),
        tally.deleted.sum(), tally.conditionFailed.sum(), tally.failed.sum(), tally.deferred.sum(),
        tally.throttled.sum(), tally.scanRequests.sum(), tally.deleteRequests.sum(), dryRun, settings.deleteMode(),
        Duration.ofNanos(System.nanoTime() - start), stoppedByDeadline && errors.isEmpty(),
        unfinished.isEmpty() ? null : new Resume(settings.totalSegments(), unfinished), tally.samples(), errors);
  }

  private static void rewind(Map<Integer, Batch> rewinds, Batch batch) {
    rewinds.merge(batch.segment(), batch, (a, b) -> a.page() <= b.page() ? a : b);
  }
}
