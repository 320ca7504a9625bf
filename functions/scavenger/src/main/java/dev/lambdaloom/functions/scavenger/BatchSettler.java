package dev.lambdaloom.functions.scavenger;

import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.Retrier;
import dev.lambdaloom.core.RetryDecision;
import java.util.ArrayList;
import java.util.List;

/**
 * Settles a batch of candidates through a {@link Deleter}: what DynamoDB turns away (throttled requests, throttled
 * statements, transaction conflicts) goes again with backoff until it is settled or the deadline or attempts run out.
 * Nothing is dropped silently: every candidate ends deleted, condition-failed, failed, or handed back deferred.
 */
final class BatchSettler {
  private final Deleter deleter;
  private final Retrier retrier;
  private final Tally tally;

  BatchSettler(Deleter deleter, Retrier retrier, Tally tally) {
    this.deleter = deleter;
    this.retrier = retrier;
    this.tally = tally;
  }

  /**
   * Deletes {@code candidates} (at most the deleter's batch size) and returns those left unsettled because they
   * kept being turned away until attempts or time ran out: they are still in the table, counted as deferred, and the
   * caller makes the resume point read them again. Failures that another attempt cannot fix count as failed.
   */
  List<Candidate> settle(List<Candidate> candidates, Deadline finishBy) throws InterruptedException {
    List<Candidate> pending = new ArrayList<>(candidates);
    try {
      retrier.call(finishBy, () -> {
        deleter.attempt(pending, tally);
        return pending.size();
      }, left -> left > 0 ? RetryDecision.retry() : RetryDecision.fail());
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("deletes cancelled at the deadline"); // the batch counts as unsettled
      }
      if (Retryable.isRetryable(e)) {
        tally.deferred.add(pending.size());
        tally.report(pending.size() + " deletes still failing when attempts or time ran out (" + e
            + "); they will be read again");
        return pending;
      }
      tally.failed.add(pending.size());
      tally.report("delete request failed for " + pending.size() + " items: " + e);
      return List.of();
    }
    if (!pending.isEmpty()) {
      tally.deferred.add(pending.size());
      tally.report(pending.size() + " deletes still throttled when attempts or time ran out; they will be read again");
    }
    return pending;
  }
}
