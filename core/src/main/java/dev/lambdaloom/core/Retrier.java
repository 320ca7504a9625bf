package dev.lambdaloom.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Calls a task until it succeeds, a classifier says stop, attempts run out, or the next wait would cross the
 * deadline. Waits use exponential backoff with full jitter (see {@link RetryPolicy}), or a server's Retry-After.
 * Immutable and thread-safe (given a thread-safe random source); build once and share.
 *
 * <p>The first attempt always runs; the deadline bounds only the waits. Interruption is never retried: an
 * {@link InterruptedException} from the task or from a wait is rethrown with the thread's interrupt flag set, and any
 * failure while the thread is interrupted is thrown at once.
 */
public final class Retrier {
  /** How the retrier waits; replaced in tests to record waits instead of taking them. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Deadline deadline, Duration delay) throws InterruptedException;
  }

  private final RetryPolicy policy;
  private final RetryClassifier<? super Throwable> failures;
  private final Supplier<RandomGenerator> random;
  private final RetryListener listener;
  private final Sleeper sleeper;

  private Retrier(Builder builder) {
    this.policy = builder.policy;
    this.failures = builder.failures;
    this.random = builder.random;
    this.listener = builder.listener;
    this.sleeper = builder.sleeper;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  /** Calls {@code task}, retrying failures the failure classifier allows; returns the value or throws the last failure. */
  public <T> RetryOutcome<T> call(Deadline deadline, Callable<? extends T> task) throws Exception {
    return call(deadline, task, RetryClassifier.never());
  }

  /**
   * Calls {@code task}, retrying failures the failure classifier allows and results {@code results} allows. Returns
   * the first result {@code results} accepts, or the last result when retries run out; throws the last failure when a
   * failure is final or retries run out.
   */
  public <T> RetryOutcome<T> call(
      Deadline deadline, Callable<? extends T> task, RetryClassifier<? super T> results) throws Exception {
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(results, "results");
    for (int attempt = 1; ; attempt++) {
      T value = null;
      Exception failure = null;
      RetryDecision decision;
      try {
        value = task.call();
        decision = results.classify(value);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw e;
      } catch (Exception e) {
        if (Thread.currentThread().isInterrupted()) throw e; // cancelled, whatever the exception says
        failure = e;
        decision = failures.classify(e);
      }

      if (decision instanceof RetryDecision.Fail || attempt >= policy.maxAttempts()) {
        return giveUp(value, failure, attempt);
      }
      Duration delay = delay(decision, attempt);
      if (delay.compareTo(deadline.remaining()) > 0) {
        return giveUp(value, failure, attempt); // waiting would cross the deadline
      }
      listener.onRetry(attempt, delay, failure != null ? failure : value);
      try {
        sleeper.sleep(deadline, delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw e;
      }
    }
  }

  private static <T> RetryOutcome<T> giveUp(T value, Exception failure, int attempts) throws Exception {
    if (failure != null) throw failure;
    return new RetryOutcome<>(value, attempts);
  }

  /** The wait before retrying after {@code attempt}. */
  private Duration delay(RetryDecision decision, int attempt) {
    return switch (decision) {
      case RetryDecision.Fail f -> throw new AssertionError("not retried");
      case RetryDecision.Retry r -> jitter(attempt - 1);
      // At least what the server asked; the backoff still grows if it keeps asking for little.
      case RetryDecision.RetryAfter(Duration after) -> {
        Duration backoff = jitter(attempt - 1);
        yield after.compareTo(backoff) >= 0 ? after : backoff;
      }
    };
  }

  private Duration jitter(int retry) {
    long ceiling = policy.backoffCeiling(retry).toNanos();
    return ceiling == 0 ? Duration.ZERO : Duration.ofNanos(random.get().nextLong(ceiling + 1));
  }

  /** Configures a {@link Retrier}. Defaults: {@link RetryPolicy#defaults()}, retry any exception. */
  public static final class Builder {
    private RetryPolicy policy = RetryPolicy.defaults();
    private RetryClassifier<? super Throwable> failures = RetryClassifier.exceptions();
    private Supplier<RandomGenerator> random = ThreadLocalRandom::current;
    private RetryListener listener = (attempt, delay, cause) -> {};
    private Sleeper sleeper = Deadline::sleep;

    private Builder() {}

    private Builder(Retrier retrier) {
      policy = retrier.policy;
      failures = retrier.failures;
      random = retrier.random;
      listener = retrier.listener;
      sleeper = retrier.sleeper;
    }

    public Builder policy(RetryPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Which failures to retry. {@link InterruptedException} is never retried, whatever this says. */
    public Builder retryOn(RetryClassifier<? super Throwable> failures) {
      this.failures = Objects.requireNonNull(failures, "failures");
      return this;
    }

    /** The source of jitter, e.g. a seeded generator in tests. Must be thread-safe if the retrier is shared. */
    public Builder random(RandomGenerator random) {
      Objects.requireNonNull(random, "random");
      this.random = () -> random;
      return this;
    }

    public Builder listener(RetryListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    public Retrier build() {
      return new Retrier(this);
    }
  }
}
