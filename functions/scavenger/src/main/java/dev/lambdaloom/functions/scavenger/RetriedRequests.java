package dev.lambdaloom.functions.scavenger;

import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.Retrier;
import dev.lambdaloom.core.RetryClassifier;
import dev.lambdaloom.core.RetryPolicy;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends DynamoDB requests through core's {@link Retrier} (throttling, conflicts, 5xx and broken connections again with
 * backoff, each throttled attempt counted) and sorts how the retries ended: answered, put off (throttled to the end, or
 * cut short by the deadline) or failed for good, which is thrown as it came from the SDK.
 */
final class RetriedRequests {
  private final Retrier retrier;
  private final int maxAttempts;

  RetriedRequests(RetryPolicy policy, Tally tally) {
    this.maxAttempts = policy.maxAttempts();
    this.retrier = Retrier.builder()
        .policy(policy)
        .retryOn(Retryable.failures())
        .listener((attempt, delay, cause) -> {
          if (cause instanceof Throwable t && Retryable.isThrottle(t)) tally.throttled.increment();
        })
        .build();
  }

  /** Sends until answered; waits never cross {@code deadline}. */
  <T> RequestOutcome<T> send(Deadline deadline, Callable<? extends T> request) throws Exception {
    return send(deadline, request, RetryClassifier.never());
  }

  /**
   * Sends until answered with a result {@code results} accepts, or retries end.
   *
   * @throws InterruptedException when cancelled
   * @throws Exception the SDK's exception, when the failure is {@link Setback#PERMANENT} (or the thread is interrupted)
   */
  <T> RequestOutcome<T> send(Deadline deadline, Callable<? extends T> request, RetryClassifier<? super T> results)
      throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    try {
      return new RequestOutcome.Answered<>(retrier.call(deadline, () -> {
        attempts.incrementAndGet();
        return request.call();
      }, results).value());
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      if (Thread.currentThread().isInterrupted()) throw e; // cancelled: whatever it says, the caller stops
      Setback setback = Setback.of(e, attempts.get() < maxAttempts);
      if (setback == Setback.PERMANENT) throw e;
      return new RequestOutcome.PutOff<>(setback, e);
    }
  }
}
