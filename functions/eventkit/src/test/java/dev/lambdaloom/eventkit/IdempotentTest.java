package dev.lambdaloom.eventkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.core.batch.RecordHandler;
import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import dev.lambdaloom.services.dynamodb.SharedDynamoDbLocal;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The store and the wrapped handler against DynamoDB Local, with a clock the tests move. */
@ExtendWith(SharedDynamoDbLocal.class)
@Timeout(180) // DynamoDB Local starts in the first test; a loaded machine takes tens of seconds
class IdempotentTest {
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static final Duration KEEP_FOR = Duration.ofHours(24);
  private static final Duration IN_PROGRESS_FOR = Duration.ofMinutes(15);
  private static DynamoDbLocal dynamo;

  /**
   * Starts at the real time: DynamoDB Local runs the table's time-to-live against its own clock, and would delete
   * claims made at a time in the past while a test still uses them.
   */
  private static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(250);

  private final ManualClock clock = new ManualClock(START);
  private final Queue<String> applied = new ConcurrentLinkedQueue<>();
  private IdempotencyStore store;

  @BeforeAll
  static void start(DynamoDbLocal shared) {
    dynamo = shared;
  }

  @BeforeEach
  void createTable() {
    String table = "Idempotency" + TABLES.incrementAndGet();
    IdempotencyTable.create(dynamo.client(), table);
    store = new IdempotencyStore(dynamo.client(), table, KEEP_FOR, IN_PROGRESS_FOR, clock);
  }

  private RecordHandler<String> idempotent(RecordHandler<String> handler) {
    return Idempotent.wrap(store, id -> id, handler);
  }

  private Map<String, AttributeValue> item(String key) {
    return dynamo.client().getItem(b -> b.tableName(store.tableName())
        .key(Map.of(IdempotencyTable.ID, AttributeValue.fromS(key))).consistentRead(true)).item();
  }

  @Test
  void appliesARecordOnceAndSkipsItsRedelivery() throws Exception {
    RecordHandler<String> handler = idempotent(applied::add);

    handler.apply("seq-1");
    clock.advance(Duration.ofHours(1));
    handler.apply("seq-1");

    assertThat(applied).containsExactly("seq-1");
    long keptUntil = START.plus(KEEP_FOR).getEpochSecond(); // completed at the first apply
    assertThat(item("seq-1")).isEqualTo(Map.of(
        "id", AttributeValue.fromS("seq-1"),
        "status", AttributeValue.fromS("COMPLETED"),
        "expiresAt", AttributeValue.fromN(Long.toString(keptUntil))));
  }

  @Test
  void releasesAFailedRecordSoThatItsRedeliveryAppliesIt() throws Exception {
    IOException failure = new IOException("downstream refused");
    AtomicInteger attempts = new AtomicInteger();
    RecordHandler<String> handler = idempotent(record -> {
      if (attempts.incrementAndGet() == 1) throw failure;
      applied.add(record);
    });

    assertThatThrownBy(() -> handler.apply("seq-1")).isSameAs(failure);
    assertThat(item("seq-1")).as("the released claim").isEmpty();
    handler.apply("seq-1");

    assertThat(applied).containsExactly("seq-1");
    assertThat(item("seq-1").get("status").s()).isEqualTo("COMPLETED");
  }

  @Test
  void releasesTheClaimOfAnInterruptedHandlerAndKeepsTheInterrupt() throws Exception {
    RecordHandler<String> handler = idempotent(record -> {
      Thread.currentThread().interrupt(); // as a cancelled batch leaves a handler's thread
      throw new InterruptedException("cancelled");
    });
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();

    Thread worker = Thread.ofVirtual().start(() -> {
      try {
        handler.apply("seq-1");
      } catch (Exception e) {
        thrown.set(e);
      }
      stillInterrupted.set(Thread.currentThread().isInterrupted());
    });

    assertThat(worker.join(Duration.ofSeconds(30))).isTrue();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class).hasNoSuppressedExceptions();
    assertThat(stillInterrupted.get()).isTrue();
    assertThat(item("seq-1")).as("the released claim").isEmpty();
  }

  @Test
  void appliesARecordAgainOnceItsCompletionExpired() throws Exception {
    RecordHandler<String> handler = idempotent(applied::add);
    handler.apply("seq-1");

    clock.advance(KEEP_FOR); // kept for the whole of keepFor...
    handler.apply("seq-1");
    assertThat(applied).containsExactly("seq-1");

    clock.advance(Duration.ofSeconds(1)); // ...and not after (expiresAt has a resolution of a second)
    handler.apply("seq-1");
    assertThat(applied).containsExactly("seq-1", "seq-1");
  }

  @Test
  void takesOverAStaleInProgressClaim() throws Exception {
    assertThat(store.claim("seq-1")).isEqualTo(new Claim.Acquired()); // an invocation that then timed out
    RecordHandler<String> handler = idempotent(applied::add);

    clock.advance(IN_PROGRESS_FOR);
    assertThatThrownBy(() -> handler.apply("seq-1"))
        .isInstanceOf(InProgressElsewhereException.class)
        .hasMessageContaining("seq-1");
    assertThat(applied).isEmpty();

    clock.advance(Duration.ofMillis(1));
    handler.apply("seq-1");
    assertThat(applied).containsExactly("seq-1");
  }

  @Test
  void releaseNeverDeletesACompletion() {
    assertThat(store.claim("seq-1")).isEqualTo(new Claim.Acquired());
    store.complete("seq-1");

    store.release("seq-1");
    store.release("never-claimed");

    assertThat(store.claim("seq-1")).isEqualTo(new Claim.AlreadyCompleted());
    assertThat(item("never-claimed")).isEmpty();
  }

  @Test
  void sixtyFourThreadsRacingOnOneKeyApplyItOnce() throws Exception {
    int racers = 64;
    // The winner stays inside the handler until every other racer is done, so each of them meets its live claim.
    CountDownLatch othersDone = new CountDownLatch(racers - 1);
    RecordHandler<String> handler = idempotent(record -> {
      if (!othersDone.await(90, TimeUnit.SECONDS)) throw new IOException("the other racers never finished");
      applied.add(record);
    });
    CountDownLatch go = new CountDownLatch(1);
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          go.await();
          handler.apply("seq-1");
        } catch (Exception e) {
          failures.add(e);
          othersDone.countDown();
        }
      }));
    }

    go.countDown();
    for (Thread thread : threads) assertThat(thread.join(Duration.ofSeconds(120))).isTrue();

    assertThat(applied).containsExactly("seq-1");
    assertThat(failures).hasSize(racers - 1).allMatch(e -> e instanceof InProgressElsewhereException);
    assertThat(store.claim("seq-1")).isEqualTo(new Claim.AlreadyCompleted());
  }

  @Test
  void refusesBadKeysAndSettingsWithAClearError() {
    assertThatThrownBy(() -> store.claim("")).hasMessage("idempotency key is empty");
    assertThatThrownBy(() -> store.claim("x".repeat(2049)))
        .hasMessageStartingWith("idempotency key is 2049 bytes, DynamoDB takes at most 2048");
    assertThatThrownBy(() -> new IdempotencyStore(dynamo.client(), "t", Duration.ZERO, IN_PROGRESS_FOR, clock))
        .hasMessageStartingWith("keepFor <= 0");
    assertThatThrownBy(() -> idempotent(applied::add).apply(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("idempotency key");
    assertThat(applied).isEmpty();
  }
}
