package dev.lambdaloom.functions.scavenger;

import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.RetryDecision;
import java.util.ArrayList;
import java.util.List;

/**
 * Settles a batch of candidates through a {@link Deleter}: what DynamoDB turns away (throttled requests, throttled
 * statements, transaction conflicts) goes again with backoff until it is settled or the deadline or attempts run out.
 * Nothing is dropped silently: every candidate ends deleted, condition-failed, failed, or handed back deferred; and a
 * failure that is not about single items (a missing table, access denied) stops the run.
 */
final class BatchSettler {
  private final Deleter deleter;
  private final RetriedRequests requests;
  private final Tally tally;

  BatchSettler(Deleter deleter, RetriedRequests requests, Tally tally) {
    this.deleter = deleter;
    this.requests = requests;
    this.tally = tally;
  }

  /**
   * Deletes {@code candidates} (at most the deleter's batch size) and returns those left unsettled because they
   * kept being turned away until attempts or time ran out: they are still in the table, counted as deferred, and the
   * caller makes the resume point read them again.
   *
   * @throws InterruptedException when cancelled at the deadline (the batch counts as unsettled)
   * @throws Exception the SDK's exception when the request failed for good ({@link Setback#PERMANENT})
   */
  List<Candidate> settle(List<Candidate> candidates, Deadline finishBy) throws Exception {
    List<Candidate> pending = new ArrayList<>(candidates);
    RequestOutcome<Integer> outcome;
    try {
      outcome = requests.send(finishBy, () -> {
        deleter.attempt(pending, tally);
        return pending.size();
      }, left -> left > 0 ? RetryDecision.retry() : RetryDecision.fail());
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      if (Thread.currentThread().isInterrupted()) {
        InterruptedException cancelled = new InterruptedException("deletes cancelled at the deadline");
        cancelled.initCause(e);
        throw cancelled;
      }
      throw e;
    }
    switch (outcome) {
      case RequestOutcome.Answered<Integer> answered -> {
        if (!pending.isEmpty()) {
          tally.putOff(Setback.THROTTLED, pending.size(), pending.size()
              + " deletes still turned away when attempts or time ran out; they will be read again");
        }
      }
      case RequestOutcome.PutOff<Integer>(Setback setback, Exception last) -> tally.putOff(setback, pending.size(),
          pending.size() + " deletes still failing when attempts or time ran out (" + last + "); they will be read again");
    }
    return pending;
  }
}
