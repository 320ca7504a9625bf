package dev.lambdaloom.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.core.ProducerReport.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class PipelineTest {
  private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();

  @Test
  void everyItemProducedIsConsumedExactlyOnce() throws Exception {
    Map<Integer, AtomicInteger> seen = new ConcurrentHashMap<>();
    List<Pipeline.Producer<Integer>> producers = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      int first = p * 1_000;
      producers.add(sink -> {
        threads.add(Thread.currentThread());
        for (int i = first; i < first + 1_000; i++) sink.send(i);
      });
    }

    PipelineResult<Integer> result = Pipeline.withCapacity(16).consumers(4).run(producers, item -> {
      threads.add(Thread.currentThread());
      seen.computeIfAbsent(item, k -> new AtomicInteger()).incrementAndGet();
    });

    // Consumers loop until the channel is closed and drained: returning at all shows it was closed.
    assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(result.produced()).isEqualTo(3_000);
    assertThat(result.consumed()).isEqualTo(3_000);
    assertThat(seen).hasSize(3_000).allSatisfy((item, count) -> assertThat(count.get()).isEqualTo(1));
    assertThat(result.producers()).extracting(ProducerReport::state).containsOnly(State.FINISHED);
    assertThat(result.producers()).extracting(ProducerReport::sent).containsOnly(1_000L);
    assertThat(result.unconsumed()).isEmpty();
    assertThat(result.failures()).isEmpty();
    assertThat(threads).noneMatch(Thread::isAlive);
  }

  @Test
  void producerBlocksWhileTheChannelIsFullAndResumesWhenConsumersTake() throws Exception {
    int capacity = 5;
    int total = 100;
    CountDownLatch consumersMayGo = new CountDownLatch(1);
    AtomicLong sent = new AtomicLong();
    AtomicReference<Thread> producerThread = new AtomicReference<>();
    AtomicReference<PipelineResult<Integer>> result = new AtomicReference<>();

    Thread caller = Thread.ofVirtual().start(() -> {
      try {
        result.set(Pipeline.withCapacity(capacity).run(sink -> {
          producerThread.set(Thread.currentThread());
          for (int i = 0; i < total; i++) {
            sink.send(i);
            sent.incrementAndGet();
          }
        }, item -> consumersMayGo.await()));
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });

    // The one consumer holds one item, the channel holds `capacity`: the producer can get no further.
    Poll.until("the producer blocks on a full channel", () -> sent.get() == capacity + 1
        && producerThread.get() != null && producerThread.get().getState() == Thread.State.WAITING);
    assertThat(sent.get()).isEqualTo(capacity + 1);

    consumersMayGo.countDown();

    assertThat(caller.join(Duration.ofSeconds(10))).isTrue();
    assertThat(sent.get()).isEqualTo(total);
    assertThat(result.get().consumed()).isEqualTo(total);
    assertThat(result.get().producers()).singleElement().extracting(ProducerReport::state).isEqualTo(State.FINISHED);
  }

  @Test
  void failingConsumerStopsEndlessProducers() throws Exception {
    IllegalStateException failure = new IllegalStateException("cannot delete");
    Pipeline.Producer<Long> evens = sink -> {
      threads.add(Thread.currentThread());
      for (long i = 0; ; i += 2) sink.send(i);
    };
    Pipeline.Producer<Long> odds = sink -> {
      threads.add(Thread.currentThread());
      for (long i = 1; ; i += 2) sink.send(i);
    };

    PipelineResult<Long> result = Pipeline.withCapacity(8).consumers(2).run(List.of(evens, odds), item -> {
      threads.add(Thread.currentThread());
      if (item == 50) throw failure;
    });

    assertThat(result.stopReason()).isEqualTo(StopReason.FAILURE);
    assertThat(result.failures()).singleElement().isSameAs(failure);
    assertThat(result.producers()).extracting(ProducerReport::state).containsOnly(State.STOPPED);
    assertThat(result.unconsumed()).contains(50L);
    assertThat(result.produced()).isEqualTo(result.consumed() + result.unconsumed().size());
    assertThat(threads).noneMatch(Thread::isAlive);
  }

  @Test
  void stopProducingDeadlineStopsProducersAndDrainsTheChannel() throws Exception {
    Deadline stopProducing = Deadline.after(Duration.ofMillis(300));
    Set<Long> consumed = ConcurrentHashMap.newKeySet();
    AtomicInteger handledAfterStop = new AtomicInteger();

    PipelineResult<Long> result = Pipeline.withCapacity(20).consumers(2).stopProducingAt(stopProducing).run(sink -> {
      threads.add(Thread.currentThread());
      for (long i = 0; ; i++) sink.send(i); // a scan that would never end
    }, item -> {
      threads.add(Thread.currentThread());
      if (stopProducing.expired()) handledAfterStop.incrementAndGet();
      Thread.sleep(5); // simulated delete: far slower than the scan, so the channel is full at the deadline
      consumed.add(item);
    });

    assertThat(result.stopReason()).isEqualTo(StopReason.DEADLINE);
    assertThat(result.stoppedByDeadline()).isTrue();
    assertThat(result.producers()).singleElement().satisfies(p -> {
      assertThat(p.state()).isEqualTo(State.STOPPED);
      assertThat(p.sent()).isEqualTo(result.produced());
    });
    assertThat(handledAfterStop.get()).isPositive(); // the channel was drained after producing stopped
    assertThat(result.unconsumed()).isEmpty();
    assertThat(result.consumed()).isEqualTo(result.produced());
    assertThat(consumed).isEqualTo(LongStream.range(0, result.produced()).boxed().collect(Collectors.toSet()));
    assertThat(threads).noneMatch(Thread::isAlive);
  }

  @Test
  void failingProducerStopsTheOthersWhileConsumersDrain() throws Exception {
    Set<Integer> consumed = ConcurrentHashMap.newKeySet();
    Pipeline.Producer<Integer> failing = sink -> {
      threads.add(Thread.currentThread());
      for (int i = 0; i < 10; i++) sink.send(i);
      throw new IllegalStateException("scan failed");
    };
    Pipeline.Producer<Integer> endless = sink -> {
      threads.add(Thread.currentThread());
      for (int i = 1_000; ; i++) sink.send(i);
    };

    PipelineResult<Integer> result = Pipeline.withCapacity(4).consumers(2).run(List.of(failing, endless), item -> {
      threads.add(Thread.currentThread());
      consumed.add(item);
    });

    assertThat(result.stopReason()).isEqualTo(StopReason.FAILURE);
    assertThat(result.failures()).singleElement().extracting(Throwable::getMessage).isEqualTo("scan failed");
    assertThat(result.producers()).extracting(ProducerReport::state).containsExactly(State.FAILED, State.STOPPED);
    assertThat(result.producers().getFirst().sent()).isEqualTo(10);
    assertThat(result.unconsumed()).isEmpty();
    assertThat(result.consumed()).isEqualTo(result.produced()).isEqualTo(consumed.size());
    assertThat(threads).noneMatch(Thread::isAlive);
  }

  @Test
  void hardDeadlineInterruptsProducersAndConsumers() throws Exception {
    long start = System.nanoTime();
    Deadline hard = Deadline.after(Duration.ofMillis(400));

    PipelineResult<Integer> result = Pipeline.withCapacity(3)
        .stopProducingAt(hard.minus(Duration.ofMillis(200)))
        .interruptAt(hard)
        .run(sink -> {
          threads.add(Thread.currentThread());
          for (int i = 0; ; i++) sink.send(i);
        }, item -> {
          threads.add(Thread.currentThread());
          new CountDownLatch(1).await(); // a consumer stuck until interrupted
        });

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400), Duration.ofMillis(2_400));
    assertThat(result.stopReason()).isEqualTo(StopReason.DEADLINE);
    assertThat(result.producers()).singleElement().extracting(ProducerReport::state).isEqualTo(State.STOPPED);
    // 3 buffered, plus 1 in the consumer's hands unless it had not taken one by the stop.
    assertThat(result.produced()).isBetween(3L, 4L);
    assertThat(result.consumed()).isZero();
    assertThat(result.unconsumed())
        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, (int) result.produced()).boxed().toList());
    assertThat(result.failures()).isEmpty();
    assertThat(threads).noneMatch(Thread::isAlive);
  }

  @Test
  void interruptingTheCallerStopsEverything() throws Exception {
    CountDownLatch consuming = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> threadsDeadOnReturn = new AtomicReference<>();

    Thread caller = Thread.ofVirtual().start(() -> {
      try {
        Pipeline.withCapacity(2).run(sink -> {
          threads.add(Thread.currentThread());
          for (int i = 0; ; i++) sink.send(i);
        }, item -> {
          threads.add(Thread.currentThread());
          consuming.countDown();
          new CountDownLatch(1).await();
        });
      } catch (Throwable t) {
        threadsDeadOnReturn.set(Poll.noneAlive(threads));
        thrown.set(t);
      }
    });
    consuming.await();
    caller.interrupt();

    assertThat(caller.join(Duration.ofSeconds(10))).isTrue();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(threadsDeadOnReturn.get()).isTrue();
  }

  @Test
  void noProducersMeansNothingToConsume() throws Exception {
    PipelineResult<String> result = Pipeline.withCapacity(1).consumers(3).run(List.of(), item -> {
      throw new AssertionError("nothing to handle");
    });

    assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(result.produced()).isZero();
    assertThat(result.producers()).isEmpty();
  }
}
