package dev.lambdaloom.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.Poll;
import dev.lambdaloom.core.batch.RecordOutcome.Applied;
import dev.lambdaloom.core.batch.RecordOutcome.Failed;
import dev.lambdaloom.core.batch.RecordOutcome.NotStarted;
import dev.lambdaloom.core.batch.RecordOutcome.SkippedAfterFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class KeyedBatchTest {
  /** A stream record: its partition key and its sequence number. */
  record Rec(String key, String id) {}

  private static final KeyedBatch<Rec> BY_KEY = KeyedBatch.by(Rec::key, Rec::id);

  private final Queue<Thread> handlerThreads = new ConcurrentLinkedQueue<>();
  private final Queue<Rec> handled = new ConcurrentLinkedQueue<>();

  /**
   * Records of {@code keys} in the order given, each id the key plus its position within the key (1-based); keys of
   * more than one character get a dot between ("k3.12").
   */
  private static List<Rec> records(String... keys) {
    Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    List<Rec> records = new ArrayList<>();
    for (String key : keys) {
      int position = counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      records.add(new Rec(key, key + (key.length() > 1 ? "." : "") + position));
    }
    return records;
  }

  private void seen(Rec record) {
    handlerThreads.add(Thread.currentThread());
    handled.add(record);
  }

  @Test
  void keepsEachKeysInputOrderWhileManyKeysRunTogether() throws Exception {
    int keys = 40;
    Random random = new Random(11);
    String[] keyOfRecord = new String[1_000];
    Arrays.setAll(keyOfRecord, i -> "k" + random.nextInt(keys));
    List<Rec> records = records(keyOfRecord);
    Map<String, Queue<String>> observed = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> insideKey = new ConcurrentHashMap<>();
    AtomicInteger overlapsWithinKey = new AtomicInteger();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();

    BatchResult<Rec> result = BY_KEY.keysInFlight(16).run(records, record -> {
      seen(record);
      mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
      if (insideKey.computeIfAbsent(record.key(), k -> new AtomicInteger()).incrementAndGet() > 1) {
        overlapsWithinKey.incrementAndGet();
      }
      observed.computeIfAbsent(record.key(), k -> new ConcurrentLinkedQueue<>()).add(record.id());
      Thread.yield(); // let other keys' threads interleave with this one
      insideKey.get(record.key()).decrementAndGet();
      inside.decrementAndGet();
    });

    assertThat(result.allApplied()).isTrue();
    assertThat(result.applied()).isEqualTo(1_000);
    assertThat(result.outcomes()).extracting(RecordOutcome::record).containsExactlyElementsOf(records);
    assertThat(overlapsWithinKey).hasValue(0);
    assertThat(observed).hasSize(keys);
    observed.forEach((key, ids) -> assertThat(ids).as("key " + key)
        .containsExactlyElementsOf(records.stream().filter(r -> r.key().equals(key)).map(Rec::id).toList()));
    assertThat(mostInside.get()).isBetween(1, 16);
    assertThat(handlerThreads).allMatch(Thread::isVirtual).noneMatch(Thread::isAlive);
  }

  @Test
  void runsTwoKeysInTheHandlerAtTheSameTime() throws Exception {
    // Each key's record waits inside the handler until the other's is inside too: run one key after the other and
    // the first would wait in vain.
    CountDownLatch bothInside = new CountDownLatch(2);

    BatchResult<Rec> result = BY_KEY.run(records("a", "b"), record -> {
      seen(record);
      bothInside.countDown();
      if (!bothInside.await(10, TimeUnit.SECONDS)) throw new IOException(record.id() + " was alone in the handler");
    });

    assertThat(result.outcomes()).allMatch(o -> o instanceof Applied<Rec>);
    assertThat(handlerThreads).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void aFailureSkipsTheRestOfItsKeyAndNoOtherKey() throws Exception {
    List<Rec> records = records("a", "b", "a", "b", "a", "b", "a");
    IOException failure = new IOException("a2 could not be written");

    BatchResult<Rec> result = BY_KEY.run(records, record -> {
      seen(record);
      if (record.id().equals("a2")) throw failure;
    });

    List<RecordOutcome<Rec>> outcomes = result.outcomes();
    assertThat(outcomes).containsExactly(
        new Applied<>(records.get(0)),
        new Applied<>(records.get(1)),
        new Failed<>(records.get(2), failure),
        new Applied<>(records.get(3)),
        new SkippedAfterFailure<>(records.get(4), "a2"),
        new Applied<>(records.get(5)),
        new SkippedAfterFailure<>(records.get(6), "a2"));
    assertThat(handled).extracting(Rec::id).containsExactlyInAnyOrder("a1", "a2", "b1", "b2", "b3");
    assertThat(result.itemFailures()).containsExactly("a2", "a3", "a4");
    assertThat(result.allApplied()).isFalse();
    assertThat(result.applied()).isEqualTo(4);
  }

  @Test
  void reportsItemFailuresInInputOrderWhateverOrderTheyHappenIn() throws Exception {
    // "slow" comes first in the input but fails last: only after "fast" has failed.
    List<Rec> records = records("slow", "fast", "ok", "slow", "fast");
    CountDownLatch fastFailed = new CountDownLatch(1);

    BatchResult<Rec> result = BY_KEY.run(records, record -> {
      seen(record);
      switch (record.key()) {
        case "fast" -> {
          fastFailed.countDown();
          throw new IOException("fast fails at once");
        }
        case "slow" -> {
          if (!fastFailed.await(10, TimeUnit.SECONDS)) throw new AssertionError("fast never failed");
          throw new IOException("slow fails after fast");
        }
        default -> {}
      }
    });

    assertThat(result.itemFailures()).containsExactly("slow.1", "fast.1", "slow.2", "fast.2");
    assertThat(result.outcomes()).extracting(o -> o.getClass().getSimpleName())
        .containsExactly("Failed", "Failed", "Applied", "SkippedAfterFailure", "SkippedAfterFailure");
  }

  @Test
  void neverHasMoreThanKeysInFlightKeysInTheHandler() throws Exception {
    int keysInFlight = 4;
    String[] keys = new String[150];
    Arrays.setAll(keys, i -> "k" + (i % 50));
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    // The first keys hold at the gate until the caller waits for a free slot with every slot taken: any key started
    // beyond the bound would be inside the handler by then, and counted.
    CountDownLatch gate = new CountDownLatch(1);
    Thread caller = Thread.currentThread();
    Thread gatekeeper = Thread.ofVirtual().start(() -> {
      try {
        Poll.until("every slot is taken and the caller waits", () -> inside.get() == keysInFlight
            && (caller.getState() == Thread.State.TIMED_WAITING || caller.getState() == Thread.State.WAITING));
      } finally {
        gate.countDown();
      }
    });

    BatchResult<Rec> result = BY_KEY.keysInFlight(keysInFlight).run(records(keys), record -> {
      seen(record);
      mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
      try {
        gate.await();
      } finally {
        inside.decrementAndGet();
      }
    });

    assertThat(gatekeeper.join(Duration.ofSeconds(10))).isTrue();
    assertThat(mostInside).hasValue(keysInFlight);
    assertThat(result.applied()).isEqualTo(150);
    assertThat(handlerThreads).noneMatch(Thread::isAlive);
  }

  @Test
  void startsNoRecordOnceTheDeadlineExpiredAndLetsTheRunningOneFinish() throws Exception {
    // a1 is running when the deadline expires and finishes after it; a2, a3 and the waiting key b never start.
    Deadline deadline = Deadline.after(Duration.ofMillis(500));
    List<Rec> records = records("a", "b", "a", "a");
    AtomicBoolean a1FinishedAfterDeadline = new AtomicBoolean();

    BatchResult<Rec> result = BY_KEY.keysInFlight(1).stopStartingAt(deadline).run(records, record -> {
      seen(record);
      Poll.until("the deadline expires", deadline::expired);
      a1FinishedAfterDeadline.set(true);
    });

    assertThat(handled).containsExactly(records.getFirst());
    assertThat(a1FinishedAfterDeadline).isTrue();
    assertThat(result.outcomes()).containsExactly(
        new Applied<>(records.get(0)),
        new NotStarted<>(records.get(1)),
        new NotStarted<>(records.get(2)),
        new NotStarted<>(records.get(3)));
    assertThat(result.itemFailures()).containsExactly("b1", "a2", "a3");
  }

  @Test
  void startsNothingWithAnExpiredDeadline() throws Exception {
    List<Rec> records = records("a", "b", "a");

    BatchResult<Rec> result = BY_KEY.stopStartingAt(Deadline.after(Duration.ZERO)).run(records, this::seen);

    assertThat(handled).isEmpty();
    assertThat(result.outcomes()).allMatch(o -> o instanceof NotStarted<Rec>);
    assertThat(result.itemFailures()).containsExactly("a1", "b1", "a2");
  }

  @Test
  void interruptingTheCallerInterruptsTheHandlersAndJoinsEveryThread() throws Exception {
    AtomicInteger interruptedHandlers = new AtomicInteger();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller = Thread.ofVirtual().start(() -> {
      try {
        BY_KEY.keysInFlight(3).run(records("a", "b", "c", "d", "e", "a"), record -> {
          seen(record);
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            interruptedHandlers.incrementAndGet();
            throw e;
          }
        });
      } catch (Throwable t) {
        thrown.set(t);
      }
    });

    Poll.until("three keys are in the handler", () -> handled.size() == 3);
    caller.interrupt();

    assertThat(caller.join(Duration.ofSeconds(10))).isTrue();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(interruptedHandlers).hasValue(3);
    assertThat(handlerThreads).hasSize(3).noneMatch(Thread::isAlive);
    assertThat(handled).extracting(Rec::key).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void aHandlerErrorIsThrownOnlyAfterTheRunningKeysFinishedAndStopsTheRest() throws Exception {
    // Key b is in the handler when a1 throws an Error; b1 finishes, b2 and key c never start.
    Error broken = new StackOverflowError("handler broke");
    AtomicBoolean errorThrown = new AtomicBoolean();
    AtomicBoolean b1Finished = new AtomicBoolean();
    CountDownLatch bInside = new CountDownLatch(1);

    assertThatThrownBy(() -> BY_KEY.keysInFlight(2).run(records("b", "a", "b", "c"), record -> {
      seen(record);
      if (record.id().equals("a1")) {
        if (!bInside.await(10, TimeUnit.SECONDS)) throw new IOException("b1 never started");
        errorThrown.set(true);
        throw broken;
      }
      bInside.countDown();
      Poll.until("a1 has thrown its error", errorThrown::get);
      b1Finished.set(true);
    })).isSameAs(broken);

    assertThat(b1Finished).isTrue();
    assertThat(handled).extracting(Rec::id).containsExactlyInAnyOrder("b1", "a1");
    assertThat(handlerThreads).noneMatch(Thread::isAlive);
  }

  @Test
  void refusesANullItemIdNamingTheRecordBeforeAnythingRuns() {
    List<Rec> records = List.of(new Rec("a", "a1"), new Rec("a", "a2"), new Rec("b", null));

    assertThatThrownBy(() -> BY_KEY.run(records, this::seen))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("record 2 has a null item id");
    assertThat(handled).isEmpty();
  }

  @Test
  void refusesTwoRecordsWithOneItemIdNamingBoth() {
    List<Rec> records = List.of(new Rec("a", "1"), new Rec("b", "2"), new Rec("c", "1"));

    assertThatThrownBy(() -> BY_KEY.run(records, this::seen))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("records 0 and 2 have the same item id \"1\"");
    assertThat(handled).isEmpty();
  }

  @Test
  void refusesANullKeyOrRecordNamingItsIndex() {
    assertThatThrownBy(() -> BY_KEY.run(List.of(new Rec("a", "1"), new Rec(null, "2")), this::seen))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("record 1 has a null key");
    assertThatThrownBy(() -> BY_KEY.run(Arrays.asList(new Rec("a", "1"), null), this::seen))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("record 1 is null");
    assertThatThrownBy(() -> BY_KEY.keysInFlight(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(handled).isEmpty();
  }

  @Test
  void anEmptyBatchIsAllApplied() throws Exception {
    BatchResult<Rec> result = BY_KEY.run(List.of(), this::seen);

    assertThat(result.allApplied()).isTrue();
    assertThat(result.outcomes()).isEmpty();
  }
}
