package dev.lambdaloom.functions.scavenger;

import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.Pipeline;
import dev.lambdaloom.core.PipelineResult;
import dev.lambdaloom.core.ProducerReport;
import dev.lambdaloom.core.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Deletes the expired, completed worker records of a table: one reader per scan segment feeds batches of candidates
 * through core's {@link Pipeline} (bounded, so readers wait for slow deleters) to {@code deletesInFlight} deleters.
 *
 * <p>Two deadlines. At {@code stopScanningAt} the readers stop and the deleters drain what was handed over, starting
 * only batches that the measured batch cost says can finish; at {@code finishBy} whatever is still running is
 * interrupted. Every batch that was not settled by then sends its segment's resume point back to the start of the page
 * it came from, so a resumed run reads it again: items already deleted are gone, the others are decided afresh. No
 * item is missed and none is deleted twice.
 */
final class Scavenger {
  /** Throttling backs off from 25 ms up to 2 s, as long as the deadline allows. */
  static final RetryPolicy RETRIES = new RetryPolicy(12, Duration.ofMillis(25), Duration.ofSeconds(2));

  private final DynamoDbClient client;
  private final Clock clock;
  private final RetryPolicy retries;
  private final MeasuredCosts costs;
  private final PageListener listener;

  /** With a whole vCPU's priors for the costs: for runs outside Lambda. */
  Scavenger(DynamoDbClient client, Clock clock) {
    this(client, clock, PageListener.NONE);
  }

  Scavenger(DynamoDbClient client, Clock clock, PageListener listener) {
    this(client, clock, RETRIES, new MeasuredCosts(CpuShare.of(Map.of())), listener);
  }

  /** @param costs where the run records what its requests cost, for the deadlines of later invocations */
  Scavenger(DynamoDbClient client, Clock clock, RetryPolicy retries, MeasuredCosts costs, PageListener listener) {
    this.client = client;
    this.clock = clock;
    this.retries = retries;
    this.costs = costs;
    this.listener = listener;
  }

  /**
   * Runs until done or stopped by the deadlines or by throttling that outlasts its retries; then returns what it did
   * and where to go on.
   *
   * @throws ScavengeFailedException when a request failed for good (see {@link Setback#PERMANENT}); its cause is the
   *     SDK's exception. Deletes in flight were drained or cut first, so nothing is left half done.
   */
  ScavengeResult run(ScavengeSettings settings, Resume resume, Deadline stopScanningAt, Deadline finishBy)
      throws InterruptedException {
    long start = System.nanoTime();
    long stopScanningNanos = start + stopScanningAt.remainingNanos();
    long finishByNanos = start + finishBy.remainingNanos();
    if (resume.totalSegments() != settings.totalSegments()) {
      throw new IllegalArgumentException("the resume has " + resume.totalSegments() + " segments, the settings "
          + settings.totalSegments() + " (ScavengeRequest reconciles them)");
    }
    Tally tally = new Tally();
    RetriedRequests requests = new RetriedRequests(retries, tally);
    Deleter deleter = settings.deleteMode().deleter(client, settings.table());
    BatchSettler settler = new BatchSettler(deleter, requests, tally);
    ExpiryRule rule = new ExpiryRule(clock.instant(), settings.maxAge());
    List<SegmentScan> scans = new ArrayList<>();
    for (SegmentStart segment : resume.segments()) {
      scans.add(new SegmentScan(client, settings, segment, rule, deleter.batchSize(), requests,
          stopScanningAt.earlier(finishBy), tally, costs.scanItem, listener));
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
      if (stopScanningAt.expired() && finishBy.remaining().compareTo(costs.deleteBatch.high()) < 0) {
        // Not started: a request the hard deadline cuts may or may not have deleted its items, and they would go
        // uncounted; not sent, its page is simply read again.
        tally.putOff(Setback.OUT_OF_TIME, batch.candidates().size(), batch.candidates().size()
            + " deletes not started: too little time left to finish them; they will be read again");
        rewind(rewinds, batch);
        return;
      }
      long started = System.nanoTime();
      List<Candidate> unsettled = settler.settle(batch.candidates(), finishBy);
      costs.deleteBatch.record(Duration.ofNanos(System.nanoTime() - started));
      if (!unsettled.isEmpty()) rewind(rewinds, batch);
    });
    recordDrain(System.nanoTime(), stopScanningNanos, finishByNanos);
    if (!result.failures().isEmpty()) {
      throw failed(settings, tally, result.failures());
    }
    for (Batch batch : result.unconsumed()) {
      if (!dryRun) tally.deferred.add(batch.candidates().size());
      rewind(rewinds, batch);
    }

    List<SegmentStart> unfinished = new ArrayList<>();
    for (SegmentScan scan : scans) {
      Batch rewind = rewinds.get(scan.segment());
      if (rewind != null) {
        unfinished.add(new SegmentStart(scan.segment(), rewind.pageStart()));
      } else if (scan.phase() != ScanPhase.FINISHED) {
        unfinished.add(new SegmentStart(scan.segment(), scan.position()));
      }
    }
    boolean outOfTime = result.stoppedByDeadline() || tally.putOffBy(Setback.OUT_OF_TIME)
        || result.producers().stream().anyMatch(p -> p.state() == ProducerReport.State.STOPPED);
    Ending ending = unfinished.isEmpty() ? Ending.COMPLETED : outOfTime ? Ending.DEADLINE : Ending.THROTTLING;
    return new ScavengeResult(tally.scanned.sum(), tally.matched.sum(), tally.kept.sum(), tally.skipped.sum(),
        tally.deleted.sum(), tally.conditionFailed.sum(), tally.failed.sum(), tally.deferred.sum(),
        tally.throttled.sum(), tally.scanRequests.sum(), tally.deleteRequests.sum(), dryRun, settings.deleteMode(),
        Duration.ofNanos(System.nanoTime() - start), ending,
        unfinished.isEmpty() ? null : new Resume(settings.totalSegments(), unfinished), tally.samples());
  }

  /**
   * How long the deleters took to settle what they had when reading stopped: what the next drain margin must cover,
   * everything included (batches still queued at DynamoDB behind cut reads, thread wake-ups at the CPU share). Cut off
   * at the hard deadline, it took at least that long.
   */
  private void recordDrain(long ended, long stopScanningNanos, long finishByNanos) {
    if (ended - stopScanningNanos <= 0 || finishByNanos - stopScanningNanos <= 0) return; // no drain in this run
    Duration drained = Duration.ofNanos(Math.min(ended, finishByNanos) - stopScanningNanos);
    if (ended - finishByNanos >= 0) {
      costs.drain.recordAtLeast(drained);
    } else {
      costs.drain.record(drained);
    }
  }

  /** The first failure as the cause, the others suppressed, and what was done before in the message. */
  private static ScavengeFailedException failed(ScavengeSettings settings, Tally tally, List<Throwable> failures) {
    Throwable cause = failures.getFirst();
    ScavengeFailedException failure = new ScavengeFailedException(String.format(Locale.ROOT,
        "scavenging %s failed: %s (deleted %d, scanned %d before it; no resume: fix the cause, then invoke again"
            + " with the same event)", settings.table(), cause, tally.deleted.sum(), tally.scanned.sum()), cause);
    failures.stream().skip(1).forEach(failure::addSuppressed);
    return failure;
  }

  private static void rewind(Map<Integer, Batch> rewinds, Batch batch) {
    rewinds.merge(batch.segment(), batch, (a, b) -> a.page() <= b.page() ? a : b);
  }
}
