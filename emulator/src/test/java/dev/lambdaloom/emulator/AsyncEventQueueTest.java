package dev.lambdaloom.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.emulator.fixtures.Poll;
import dev.lambdaloom.emulator.events.InvocationCause;
import dev.lambdaloom.emulator.trace.TraceContext;
import java.time.Instant;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncEventQueueTest {
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final CountDownLatch finish = new CountDownLatch(1);
  /** Runs an event until the test lets it finish. */
  private final Consumer<Invocation> held = invocation -> {
    try {
      finish.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  };

  @AfterEach
  void stop() {
    finish.countDown();
    executor.shutdownNow();
  }

  private static Supplier<Invocation> event(int bytes) {
    return () -> new Invocation("id-" + bytes, new byte[bytes], "arn",
        TraceContext.fresh(Instant.now()), new InvocationCause.Direct(), null, null);
  }

  private static void assertQueueFull(Runnable submit) {
    assertThatThrownBy(submit::run).isInstanceOfSatisfying(LambdaServiceException.class, e -> {
      assertThat(e.httpStatus()).isEqualTo(429);
      assertThat(e.type()).isEqualTo("TooManyRequestsException");
      assertThat(e.reason()).isEqualTo("ReservedFunctionInvocationRateLimitExceeded");
      assertThat(e.getMessage()).contains("event queue of Fn is full");
    });
  }

  @Test
  void beyondTheEventCountAnEventIsThrottledUntilOneFinishes() throws Exception {
    AsyncEventQueue queue = new AsyncEventQueue("Fn", new AsyncEventQueue.Bounds(2, 1_000), executor);
    queue.submit(1, event(1), held);
    queue.submit(1, event(1), held);

    assertQueueFull(() -> queue.submit(1, event(1), held));
    assertThat(queue.held()).isEqualTo(new AsyncEventQueue.Held(2, 2));

    finish.countDown();
    Poll.until(() -> queue.held().events() == 0, Duration.ofSeconds(30), "both events to finish");
    assertThat(queue.held()).isEqualTo(new AsyncEventQueue.Held(0, 0));
    queue.submit(1, event(1), invocation -> {});
  }

  @Test
  void beyondTheBytesAnEventIsThrottledBeforeItsPayloadIsRead() {
    AsyncEventQueue queue = new AsyncEventQueue("Fn", new AsyncEventQueue.Bounds(100, 1_000), executor);
    queue.submit(600, event(600), held);

    assertQueueFull(() -> queue.submit(401, () -> {
      throw new AssertionError("the payload of a throttled event is not prepared");
    }, held));
    queue.submit(400, event(400), held); // exactly full
    assertThat(queue.held()).isEqualTo(new AsyncEventQueue.Held(2, 1_000));
  }

  @Test
  void aPayloadRefusedWhilePreparedGivesItsRoomBack() {
    AsyncEventQueue queue = new AsyncEventQueue("Fn", new AsyncEventQueue.Bounds(1, 1_000), executor);

    assertThatThrownBy(() -> queue.submit(10, () -> {
      throw LambdaServiceException.invalidContent("not json");
    }, held)).isInstanceOf(LambdaServiceException.class).hasMessageContaining("not json");
    assertThat(queue.held()).isEqualTo(new AsyncEventQueue.Held(0, 0));
  }
}
