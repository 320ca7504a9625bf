package dev.lambdaloom.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.core.TaskResult.Failure;
import dev.lambdaloom.core.TaskResult.Success;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class FanOutTest {
  private final Queue<Thread> taskThreads = new ConcurrentLinkedQueue<>();

  @Test
  void runsExactlyMaxInFlightTasksAtOnceAndNeverMore() throws Exception {
    int maxInFlight = 4;
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    AtomicInteger pulled = new AtomicInteger();
    Iterator<Integer> inputs = range(0, 20).stream().peek(i -> pulled.incrementAndGet()).iterator();
    // The first wave holds at the gate until dispatch has paused with every dispatched task running, so the bound is
    // reached (and any task beyond it would be running too) before anything finishes.
    CountDownLatch gate = new CountDownLatch(1);
    Thread caller = Thread.currentThread();
    Thread gatekeeper = Thread.ofVirtual().start(() -> {
      try {
        Poll.until("dispatch pauses with every dispatched task running", () -> running.get() > 0
            && running.get() == pulled.get()
            && (caller.getState() == Thread.State.TIMED_WAITING || caller.getState() == Thread.State.WAITING));
      } finally {
        gate.countDown();
      }
    });

    FanOutResult<Integer, Integer> result = FanOut.maxInFlight(maxInFlight).run(inputs, input -> {
      taskThreads.add(Thread.currentThread());
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        gate.await();
        return input;
      } finally {
        running.decrementAndGet();
      }
    });

    assertThat(gatekeeper.join(Duration.ofSeconds(10))).isTrue();
    assertThat(maxRunning.get()).isEqualTo(maxInFlight);
    assertThat(result.successes()).extracting(Success::input).containsExactlyInAnyOrderElementsOf(range(0, 20));
    assertThat(result.failures()).isEmpty();
    assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(result.notStarted()).isExhausted();
    assertThat(taskThreads).hasSize(20).allMatch(Thread::isVirtual).noneMatch(Thread::isAlive);
  }

  @Test
  void interruptDeadlineReturnsPartialResultsAndAccountsForEveryInput() throws Exception {
    long start = System.nanoTime();
    Deadline deadline = Deadline.after(Duration.ofMillis(300));

    // Inputs 0-4 are quick; every other task would run forever. With 10 in flight, 5-14 are running at the
    // deadline and 15-49 never start.
    FanOutResult<Integer, Integer> result = FanOut.maxInFlight(10).interruptAt(deadline).run(range(0, 50), input -> {
      taskThreads.add(Thread.currentThread());
      if (input >= 5) new CountDownLatch(1).await();
      return input;
    });

    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertThat(elapsed).isBetween(Duration.ofMillis(300), Duration.ofMillis(300 + 2_000));
    assertThat(taskThreads).noneMatch(Thread::isAlive);
    assertThat(result.stopReason()).isEqualTo(StopReason.DEADLINE);
    assertThat(result.successes()).extracting(Success::input).containsExactlyInAnyOrderElementsOf(range(0, 5));
    assertThat(result.cancelled()).containsExactlyInAnyOrderElementsOf(range(5, 15));
    assertThat(result.failures()).isEmpty();
    List<Integer> notStarted = drain(result.notStarted());
    assertThat(notStarted).containsExactlyElementsOf(range(15, 50));

    List<Integer> accounted = new ArrayList<>();
    result.successes().forEach(s -> accounted.add(s.input()));
    result.failures().forEach(f -> accounted.add(f.input()));
    accounted.addAll(result.cancelled());
    accounted.addAll(notStarted);
    assertThat(accounted).containsExactlyInAnyOrderElementsOf(range(0, 50));
  }

  @Test
  void stopDispatchDeadlineLetsRunningTasksFinish() throws Exception {
    Deadline stopDispatch = Deadline.after(Duration.ofMillis(200));

    FanOutResult<Integer, String> result = FanOut.maxInFlight(2).stopDispatchAt(stopDispatch).run(range(0, 10), input -> {
      taskThreads.add(Thread.currentThread());
      while (!stopDispatch.expired()) Thread.sleep(10); // simulated work that outlasts the dispatch deadline
      Thread.sleep(50);
      return "done " + input;
    });

    assertThat(result.stopReason()).isEqualTo(StopReason.DEADLINE);
    assertThat(result.successes()).extracting(Success::value).containsExactlyInAnyOrder("done 0", "done 1");
    assertThat(result.cancelled()).isEmpty();
    assertThat(drain(result.notStarted())).containsExactlyElementsOf(range(2, 10));
    assertThat(taskThreads).hasSize(2).noneMatch(Thread::isAlive);
  }

  @Test
  void failuresAreCollectedWithTheirInputsWhileOtherTasksContinue() throws Exception {
    FanOutResult<Integer, Integer> result = FanOut.maxInFlight(3).run(range(0, 20), input -> {
      taskThreads.add(Thread.currentThread());
      if (input % 5 == 0) throw new IllegalStateException("bad " + input);
      return input * 2;
    });

    assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(result.failures()).hasSize(4).allSatisfy(f ->
        assertThat(f.failure()).isInstanceOf(IllegalStateException.class).hasMessage("bad " + f.input()));
    assertThat(result.failures()).extracting(Failure::input).containsExactlyInAnyOrder(0, 5, 10, 15);
    assertThat(result.successes()).hasSize(16).allSatisfy(s -> assertThat(s.value()).isEqualTo(s.input() * 2));
    assertThat(result.started()).isEqualTo(20);
    assertThat(taskThreads).hasSize(20).noneMatch(Thread::isAlive);
  }

  @Test
  void failFastCancelsRunningTasksAndStopsDispatching() throws Exception {
    CountDownLatch othersRunning = new CountDownLatch(3);

    FanOutResult<Integer, Integer> result = FanOut.maxInFlight(4).failFast(true).run(range(0, 100), input -> {
      taskThreads.add(Thread.currentThread());
      if (input == 0) {
        othersRunning.await();
        throw new IllegalStateException("first failure");
      }
      othersRunning.countDown();
      new CountDownLatch(1).await(); // runs until interrupted
      return input;
    });

    assertThat(result.stopReason()).isEqualTo(StopReason.FAILURE);
    assertThat(result.failures()).singleElement().satisfies(f -> {
      assertThat(f.input()).isZero();
      assertThat(f.failure()).hasMessage("first failure");
    });
    assertThat(result.cancelled()).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(result.successes()).isEmpty();
    assertThat(drain(result.notStarted())).containsExactlyElementsOf(range(4, 100));
    assertThat(taskThreads).hasSize(4).noneMatch(Thread::isAlive);
  }

  @Test
  void interruptingTheCallerCancelsAndAwaitsEveryTask() throws Exception {
    CountDownLatch allStarted = new CountDownLatch(3);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean tasksDeadOnReturn = new AtomicBoolean();

    Thread caller = Thread.ofVirtual().start(() -> {
      try {
        FanOut.maxInFlight(3).run(range(0, 10), input -> {
          taskThreads.add(Thread.currentThread());
          allStarted.countDown();
          new CountDownLatch(1).await();
          return input;
        });
      } catch (Throwable t) {
        tasksDeadOnReturn.set(Poll.noneAlive(taskThreads));
        thrown.set(t);
      }
    });
    assertThat(allStarted.await(10, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();

    assertThat(caller.join(Duration.ofSeconds(10))).isTrue();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(tasksDeadOnReturn).isTrue();
    assertThat(taskThreads).hasSize(3);
  }

  @Test
  void failingInputIteratorCancelsRunningTasksAndPropagates() {
    Iterator<Integer> inputs = new Iterator<>() {
      int next = 0;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Integer next() {
        if (next == 3) throw new IllegalStateException("listing failed");
        return next++;
      }
    };

    assertThatThrownBy(() -> FanOut.maxInFlight(10).run(inputs, input -> {
      taskThreads.add(Thread.currentThread());
      new CountDownLatch(1).await();
      return input;
    })).hasMessage("listing failed");

    assertThat(taskThreads).hasSize(3).noneMatch(Thread::isAlive);
  }

  @Test
  void streamHandsEveryResultToTheCallingThreadOneAtATime() throws Exception {
    Thread caller = Thread.currentThread();
    AtomicInteger inCallback = new AtomicInteger();
    AtomicBoolean overlapped = new AtomicBoolean();
    List<Thread> callbackThreads = new ArrayList<>();
    AtomicLong sum = new AtomicLong();

    FanOutSummary<Integer> summary = FanOut.maxInFlight(8).stream(
        range(0, 1_000),
        input -> {
          if (input % 10 == 9) throw new IllegalArgumentException("odd one");
          return (long) input;
        },
        (TaskResult<Integer, Long> r) -> {
          if (inCallback.incrementAndGet() > 1) overlapped.set(true);
          callbackThreads.add(Thread.currentThread());
          if (r instanceof Success<Integer, Long> s) sum.addAndGet(s.value());
          inCallback.decrementAndGet();
        });

    assertThat(overlapped).isFalse();
    assertThat(callbackThreads).hasSize(1_000).allMatch(t -> t == caller);
    assertThat(summary.succeeded()).isEqualTo(900);
    assertThat(summary.failed()).isEqualTo(100);
    assertThat(summary.cancelled()).isZero();
    assertThat(summary.stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(sum.get()).isEqualTo(IntStream.range(0, 1_000).filter(i -> i % 10 != 9).asLongStream().sum());
  }

  @Test
  void aTasksThreadGoesOnWithTheNextInputAndStartsItWithoutALeftoverInterrupt() throws Exception {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    AtomicInteger startedInterrupted = new AtomicInteger();

    FanOutResult<Integer, Integer> result = FanOut.maxInFlight(2).run(range(0, 200), input -> {
      threads.add(Thread.currentThread());
      if (Thread.currentThread().isInterrupted()) startedInterrupted.incrementAndGet();
      Thread.currentThread().interrupt(); // a task that leaves its interrupt behind
      return input;
    });

    assertThat(result.successes()).hasSize(200);
    assertThat(threads).hasSizeLessThanOrEqualTo(2).noneMatch(Thread::isAlive); // no thread per task
    assertThat(startedInterrupted).hasValue(0);
  }

  @Test
  void aSlowCallbackHoldsTheTasksBackOnceMaxInFlightResultsWait() throws Exception {
    int maxInFlight = 8;
    int waiting = maxInFlight / 4; // results the fan-out holds for a busy callback
    AtomicInteger started = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger handled = new AtomicInteger();
    Thread gatekeeper = Thread.ofVirtual().start(() -> {
      try {
        // One result in the callback, some waiting for it, and each worker holding one more it cannot hand in.
        Poll.until("the workers wait for the callback", () -> started.get() == 1 + waiting + maxInFlight);
      } finally {
        release.countDown();
      }
    });

    FanOutSummary<Integer> summary = FanOut.maxInFlight(maxInFlight).stream(range(0, 1_000), input -> {
      started.incrementAndGet();
      return input;
    }, (TaskResult<Integer, Integer> r) -> {
      if (handled.getAndIncrement() == 0) {
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        assertThat(started).as("tasks started while the callback was held").hasValue(1 + waiting + maxInFlight);
      }
    });

    assertThat(gatekeeper.join(Duration.ofSeconds(10))).isTrue();
    assertThat(summary.succeeded()).isEqualTo(1_000);
    assertThat(handled).hasValue(1_000);
  }

  @Test
  void endlessInputIsConsumedLazilyAndResumesWhereDispatchStopped() throws Exception {
    AtomicLong pulled = new AtomicLong();
    // Endless, so only the deadline can stop dispatch, however fast or loaded the machine: a range that a fast
    // machine could finish before the deadline would make the test depend on speed.
    Iterator<Long> endlessIds = new Iterator<>() {
      long next = 0;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Long next() {
        pulled.incrementAndGet();
        return next++;
      }
    };

    // Long enough for the first tasks to start on a loaded machine three times slower than a quiet one.
    FanOutSummary<Long> summary = FanOut.maxInFlight(16)
        .stopDispatchAt(Deadline.after(Duration.ofSeconds(1)))
        .stream(endlessIds, id -> id, result -> {});

    assertThat(summary.stopReason()).isEqualTo(StopReason.DEADLINE);
    assertThat(summary.started()).isPositive().isEqualTo(pulled.get()); // nothing pulled that was not started
    assertThat(summary.notStarted().next()).isEqualTo(summary.started()); // resume exactly where dispatch stopped
  }

  @Test
  void rejectsAnInFlightBoundBelowOne() {
    assertThatThrownBy(() -> FanOut.maxInFlight(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Integer> range(int from, int to) {
    return IntStream.range(from, to).boxed().toList();
  }

  private static <T> List<T> drain(Iterator<T> iterator) {
    List<T> all = new ArrayList<>();
    iterator.forEachRemaining(all::add);
    return all;
  }
}
