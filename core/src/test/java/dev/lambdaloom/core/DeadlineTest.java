package dev.lambdaloom.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class DeadlineTest {
  /** A Lambda context that only knows how much time is left. */
  record RemainingTimeContext(int remainingMillis) implements Context {
    @Override public String getAwsRequestId() { return "request"; }
    @Override public String getLogGroupName() { return "group"; }
    @Override public String getLogStreamName() { return "stream"; }
    @Override public String getFunctionName() { return "function"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:eu-west-1:123456789012:function:function"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return remainingMillis; }
    @Override public int getMemoryLimitInMB() { return 128; }
    @Override public LambdaLogger getLogger() { return null; }
  }

  @Test
  void fromContextKeepsTheSafetyMarginBack() {
    Deadline deadline = Deadline.fromContext(new RemainingTimeContext(10_000), Duration.ofSeconds(1));

    assertThat(deadline.remaining()).isBetween(Duration.ofMillis(7_000), Duration.ofMillis(9_000));
    assertThat(deadline.expired()).isFalse();
  }

  @Test
  void fromContextWithLessTimeThanTheMarginIsAlreadyExpired() {
    Deadline deadline = Deadline.fromContext(new RemainingTimeContext(500), Duration.ofSeconds(1));

    assertThat(deadline.expired()).isTrue();
    assertThat(deadline.remaining()).isZero();
    assertThat(deadline.remainingNanos()).isZero();
  }

  @Test
  void fromContextRejectsANegativeMargin() {
    assertThatThrownBy(() -> Deadline.fromContext(new RemainingTimeContext(500), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noneNeverComes() {
    Deadline none = Deadline.none();

    assertThat(none.expired()).isFalse();
    assertThat(none.remaining()).isGreaterThan(Duration.ofDays(365 * 50));
    assertThat(none.minus(Duration.ofDays(365)).expired()).isFalse();
  }

  @Test
  void afterANegativeOrHugeDurationStaysSane() {
    assertThat(Deadline.after(Duration.ofSeconds(-5)).expired()).isTrue();
    assertThat(Deadline.after(Duration.ofSeconds(Long.MAX_VALUE)).expired()).isFalse();
    assertThat(Deadline.after(Duration.ofSeconds(Long.MAX_VALUE)).compareTo(Deadline.after(Duration.ofHours(1))))
        .isPositive();
  }

  @Test
  void earlierPicksTheFirstToCome() {
    Deadline soon = Deadline.after(Duration.ofSeconds(10));
    Deadline later = Deadline.after(Duration.ofSeconds(20));

    assertThat(soon.earlier(later)).isSameAs(soon);
    assertThat(later.earlier(soon)).isSameAs(soon);
    assertThat(Deadline.none().earlier(soon)).isSameAs(soon);
    assertThat(soon.compareTo(later)).isNegative();
  }

  @Test
  void minusMovesTheDeadlineEarlier() {
    Deadline deadline = Deadline.after(Duration.ofSeconds(60));

    assertThat(deadline.minus(Duration.ofSeconds(10)).remaining())
        .isBetween(Duration.ofSeconds(45), Duration.ofSeconds(50));
    assertThat(deadline.minus(Duration.ofSeconds(90)).expired()).isTrue();
  }

  @Test
  void awaitGivesUpAtTheDeadline() throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    long start = System.nanoTime();

    assertThat(Deadline.after(Duration.ofMillis(100)).await(never)).isFalse();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(100), Duration.ofSeconds(3));
    assertThat(Deadline.after(Duration.ofMillis(100)).await(new CountDownLatch(0))).isTrue();
  }

  @Test
  void sleepNeverOutlastsTheDeadline() throws InterruptedException {
    long start = System.nanoTime();

    Deadline.after(Duration.ofMillis(100)).sleep(Duration.ofHours(1));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(100), Duration.ofSeconds(3));
  }

  @Test
  void sleepSleepsTheWholeDurationWhenThereIsTime() throws InterruptedException {
    long start = System.nanoTime();

    Deadline.none().sleep(Duration.ofMillis(50));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
  }
}
