package dev.lambdaloom.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class RetrierTest {
  /** An HTTP response as a client library would return it, with the header already read. */
  record Response(int status, String retryAfter) {}

  /** Always draws the top of the range: the worst case of full jitter. */
  static final class HighestRandom implements RandomGenerator {
    @Override
    public long nextLong() {
      return Long.MAX_VALUE;
    }

    @Override
    public long nextLong(long bound) {
      return bound - 1;
    }
  }

  private final AtomicInteger calls = new AtomicInteger();
  private final List<Duration> slept = new ArrayList<>();
  private final List<Integer> retriedAttempts = new ArrayList<>();
  private final Retrier.Builder recording = Retrier.builder()
      .sleeper((deadline, delay) -> slept.add(delay))
      .listener((attempt, delay, cause) -> retriedAttempts.add(attempt));

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void succeedsAfterTransientFailures() throws Exception {
    Retrier retrier = recording.policy(RetryPolicy.defaults().withMaxAttempts(5)).build();

    RetryOutcome<String> outcome = retrier.call(Deadline.none(), () -> {
      if (calls.incrementAndGet() < 3) throw new IOException("connection reset");
      return "ok";
    });

    assertThat(outcome.value()).isEqualTo("ok");
    assertThat(outcome.attempts()).isEqualTo(3);
    assertThat(outcome.retries()).isEqualTo(2);
    assertThat(retriedAttempts).containsExactly(1, 2);
    assertThat(slept).hasSize(2);
  }

  @Test
  void nonRetryableFailureFailsAtOnce() {
    IllegalArgumentException invalid = new IllegalArgumentException("bad request");
    Retrier retrier = recording
        .retryOn(e -> e instanceof IOException ? RetryDecision.retry() : RetryDecision.fail())
        .build();

    assertThatThrownBy(() -> retrier.call(Deadline.none(), () -> {
      calls.incrementAndGet();
      throw invalid;
    })).isSameAs(invalid);
    assertThat(calls).hasValue(1);
    assertThat(slept).isEmpty();
  }

  @Test
  void throwsTheLastFailureWhenAttemptsRunOut() {
    Retrier retrier = recording.policy(RetryPolicy.defaults().withMaxAttempts(3)).build();

    assertThatThrownBy(() -> retrier.call(Deadline.none(), () -> {
      throw new IOException("failure " + calls.incrementAndGet());
    })).isInstanceOf(IOException.class).hasMessage("failure 3");
    assertThat(slept).hasSize(2);
    assertThat(retriedAttempts).containsExactly(1, 2);
  }

  @Test
  void delaysAreFullJitterBelowTheDoublingCeiling() {
    RetryPolicy policy = new RetryPolicy(12, Duration.ofMillis(100), Duration.ofSeconds(1));
    Retrier retrier = recording.policy(policy).random(new SplittableRandom(42)).build();

    assertThatThrownBy(() -> retrier.call(Deadline.none(), () -> {
      throw new IOException("down");
    })).isInstanceOf(IOException.class);

    // Same seed, same draws: each wait is uniform in [0, min(max, base * 2^retry)].
    SplittableRandom twin = new SplittableRandom(42);
    List<Duration> expected = new ArrayList<>();
    for (int retry = 0; retry < 11; retry++) {
      long ceiling = Math.min(1_000_000_000L, 100_000_000L << retry);
      expected.add(Duration.ofNanos(twin.nextLong(ceiling + 1)));
    }
    assertThat(slept).containsExactlyElementsOf(expected);
    for (int retry = 0; retry < slept.size(); retry++) {
      assertThat(slept.get(retry)).isBetween(Duration.ZERO, policy.backoffCeiling(retry));
    }
    assertThat(slept).doesNotHaveDuplicates(); // jittered, not a fixed schedule
  }

  @Test
  void worstCaseJitterIsExactlyTheCeiling() {
    RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(500));
    Retrier retrier = recording.policy(policy).random(new HighestRandom()).build();

    assertThatThrownBy(() -> retrier.call(Deadline.none(), () -> {
      throw new IOException("down");
    })).isInstanceOf(IOException.class);

    assertThat(slept).containsExactly(
        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(500),
        Duration.ofMillis(500));
  }

  @Test
  void retryAfterIsWaitedForReally() throws Exception {
    Retrier retrier = Retrier.builder()
        .retryOn(e -> RetryDecision.retryAfter(Duration.ofMillis(200)))
        .policy(RetryPolicy.defaults().withBaseDelay(Duration.ofMillis(1)))
        .build();
    long start = System.nanoTime();

    RetryOutcome<String> outcome = retrier.call(Deadline.after(Duration.ofSeconds(10)), () -> {
      if (calls.incrementAndGet() == 1) throw new IOException("throttled");
      return "ok";
    });

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(outcome.attempts()).isEqualTo(2);
  }

  @Test
  void retryAfterOnAResultIsHonoured() throws Exception {
    Retrier retrier = recording.random(new HighestRandom()).build();
    RetryClassifier<Response> byStatus = response -> switch (response.status()) {
      case 429, 503 -> RetryAfterHeader.parse(response.retryAfter())
          .map(RetryDecision::retryAfter)
          .orElse(RetryDecision.retry());
      default -> RetryDecision.fail();
    };

    RetryOutcome<Response> outcome = retrier.call(Deadline.none(), () ->
        calls.incrementAndGet() == 1 ? new Response(503, "3") : new Response(200, null), byStatus);

    assertThat(outcome.value().status()).isEqualTo(200);
    assertThat(outcome.attempts()).isEqualTo(2);
    assertThat(slept).singleElement().isEqualTo(Duration.ofSeconds(3)); // at least Retry-After, above the backoff
  }

  @Test
  void retryableResultsAreRetriedAndTheLastIsReturnedWhenAttemptsRunOut() throws Exception {
    Retrier retrier = recording.policy(RetryPolicy.defaults().withMaxAttempts(4)).build();
    RetryClassifier<Integer> serverErrors = status -> status >= 500 ? RetryDecision.retry() : RetryDecision.fail();

    RetryOutcome<Integer> recovered = retrier.call(Deadline.none(),
        () -> calls.incrementAndGet() < 3 ? 503 : 200, serverErrors);
    RetryOutcome<Integer> exhausted = retrier.call(Deadline.none(), () -> 500, serverErrors);

    assertThat(recovered).isEqualTo(new RetryOutcome<>(200, 3));
    assertThat(exhausted).isEqualTo(new RetryOutcome<>(500, 4));
  }

  @Test
  void retryAfterBeyondTheDeadlineGivesUpAtOnce() {
    Retrier retrier = recording.retryOn(e -> RetryDecision.retryAfter(Duration.ofSeconds(5))).build();
    long start = System.nanoTime();

    assertThatThrownBy(() -> retrier.call(Deadline.after(Duration.ofSeconds(1)), () -> {
      calls.incrementAndGet();
      throw new IOException("throttled");
    })).hasMessage("throttled");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(calls).hasValue(1);
    assertThat(slept).isEmpty();
  }

  @Test
  void backoffThatWouldCrossTheDeadlineGivesUpWithTheLastFailure() {
    // Worst-case waits of 1, 2, 4, 8 s with 5 s left: the fourth wait would cross the deadline. The recording sleeper
    // takes no time, so the deadline stays about 5 s away throughout.
    Retrier retrier = recording
        .policy(new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(60)))
        .random(new HighestRandom())
        .build();

    assertThatThrownBy(() -> retrier.call(Deadline.after(Duration.ofSeconds(5)), () -> {
      throw new IOException("failure " + calls.incrementAndGet());
    })).hasMessage("failure 4");

    assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void interruptedExceptionIsNeverRetried() {
    Retrier retrier = recording.build();

    assertThatThrownBy(() -> retrier.call(Deadline.none(), () -> {
      calls.incrementAndGet();
      throw new InterruptedException("cancelled");
    })).isInstanceOf(InterruptedException.class);

    assertThat(Thread.currentThread().isInterrupted()).isTrue();
    assertThat(calls).hasValue(1);
  }

  @Test
  void anyFailureWhileInterruptedIsNotRetried() {
    Retrier retrier = recording.build();

    assertThatThrownBy(() -> retrier.call(Deadline.none(), () -> {
      calls.incrementAndGet();
      Thread.currentThread().interrupt(); // as a client library does when it catches the interrupt itself
      throw new IOException("interrupted I/O");
    })).hasMessage("interrupted I/O");

    assertThat(Thread.currentThread().isInterrupted()).isTrue();
    assertThat(calls).hasValue(1);
  }

  @Test
  void interruptDuringTheWaitStopsRetrying() {
    Retrier retrier = Retrier.builder()
        .policy(new RetryPolicy(5, Duration.ofSeconds(10), Duration.ofSeconds(10)))
        .random(new HighestRandom())
        .listener((attempt, delay, cause) -> Thread.currentThread().interrupt()) // interrupted just before waiting
        .build();
    long start = System.nanoTime();

    assertThatThrownBy(() -> retrier.call(Deadline.none(), () -> {
      calls.incrementAndGet();
      throw new IOException("down");
    })).isInstanceOf(InterruptedException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
    assertThat(calls).hasValue(1);
  }

  @Test
  void errorsAreNotRetriedByDefault() {
    Retrier retrier = recording.build();

    assertThatThrownBy(() -> retrier.call(Deadline.none(), () -> {
      calls.incrementAndGet();
      throw new StackOverflowError();
    })).isInstanceOf(StackOverflowError.class);
    assertThat(calls).hasValue(1);
  }
}
