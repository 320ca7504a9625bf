package dev.lambdaloom.functions.scavenger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.services.dynamodb.DynamoDbClients;
import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import dev.lambdaloom.services.dynamodb.SeedPlan;
import dev.lambdaloom.services.dynamodb.SharedDynamoDbLocal;
import dev.lambdaloom.services.dynamodb.ThrottlingProxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The scavenger against DynamoDB Local: what it deletes, and what it must never delete. */
@ExtendWith(SharedDynamoDbLocal.class)
class ScavengerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static DynamoDbLocal dynamo;

  @BeforeAll
  static void start(DynamoDbLocal shared) {
    dynamo = shared;
  }

  private static SeedPlan plan(int items, int malformed) {
    return new SeedPlan("Workers" + TABLES.incrementAndGet(), items, 0.9, malformed, TABLES.get(), Instant.now());
  }

  private static ScavengeSettings settings(SeedPlan plan, int segments, int inFlight, DeleteMode mode, boolean dryRun) {
    return new ScavengeSettings(plan.table(), segments, inFlight, Duration.ofHours(48), dryRun, mode,
        new PageSize.Fixed(200));
  }

  private static ScavengeResult runToEnd(Scavenger scavenger, ScavengeSettings settings) throws InterruptedException {
    return scavenger.run(settings, Resume.fromStart(settings.totalSegments()), Deadline.after(Duration.ofMinutes(1)),
        Deadline.after(Duration.ofMinutes(2)));
  }

  @Test
  void deletesExactlyTheExpiredCompletedItemsAndSkipsMalformedOnes() throws Exception {
    SeedPlan plan = plan(3_000, 8);
    WorkerTableFixture table = WorkerTableFixture.seed(dynamo.client(), plan);

    ScavengeResult result = runToEnd(new Scavenger(dynamo.client(), Clock.systemUTC()),
        settings(plan, 4, 4, DeleteMode.BATCH, false));

    table.assertOnlyExpiredItemsGone();
    assertThat(result.done()).isTrue();
    assertThat(result.deleted()).isEqualTo(plan.expired()).isEqualTo(result.matched());
    assertThat(result.skipped()).isEqualTo(8);
    assertThat(result.problems()).anyMatch(p -> p.contains("StartExecutionTime missing"))
        .anyMatch(p -> p.contains("not RFC 3339"));
    assertThat(result.failed() + result.conditionFailed() + result.deferred()).isZero();
    assertThat(result.scanned()).isEqualTo(result.matched() + result.kept() + result.skipped());
    // 25 deletes a request: far fewer requests than items.
    assertThat(result.deleteRequests()).isLessThanOrEqualTo(plan.expired() / 25 + 4L * 20);
  }

  @ParameterizedTest
  @EnumSource(DeleteMode.class)
  void everyDeleteModeDeletesTheSameItemsWithItsOwnRequestCount(DeleteMode mode) throws Exception {
    SeedPlan plan = plan(1_500, 2);
    WorkerTableFixture table = WorkerTableFixture.seed(dynamo.client(), plan);

    ScavengeResult result = runToEnd(new Scavenger(dynamo.client(), Clock.systemUTC()), settings(plan, 3, 6, mode, false));

    table.assertOnlyExpiredItemsGone();
    assertThat(result.deleted()).isEqualTo(plan.expired());
    long perRequest = result.deleted() / result.deleteRequests();
    switch (mode) {
      case ITEM -> assertThat(result.deleteRequests()).isEqualTo(result.deleted());
      case BATCH -> assertThat(perRequest).isBetween(10L, 25L);
      case TRANSACT -> assertThat(perRequest).isBetween(30L, 100L);
    }
  }

  @Test
  void aDryRunDecidesButDeletesNothing() throws Exception {
    SeedPlan plan = plan(1_000, 4);
    WorkerTableFixture table = WorkerTableFixture.seed(dynamo.client(), plan);

    ScavengeResult result = runToEnd(new Scavenger(dynamo.client(), Clock.systemUTC()),
        settings(plan, 2, 2, DeleteMode.BATCH, true));

    assertThat(WorkerTableFixture.snapshot(dynamo.client(), plan.table())).isEqualTo(table.before());
    assertThat(result.matched()).isEqualTo(plan.expired());
    assertThat(result.deleted() + result.deleteRequests()).isZero();
    assertThat(result.skipped()).isEqualTo(4);
  }

  /**
   * The race the article's function lost: an item is scanned as expired, then its worker starts again (a new
   * StartExecutionTime) or it is reopened (Completed 0) before the delete arrives. The listener makes that happen
   * for the first candidates of every page, after the scan and before the deletes; meanwhile another thread keeps
   * restarting random expired items. None of the changed items may be deleted.
   */
  @ParameterizedTest
  @EnumSource(DeleteMode.class)
  void itemsChangedAfterTheScanAreNeverDeleted(DeleteMode mode) throws Exception {
    SeedPlan plan = plan(2_000, 0);
    WorkerTableFixture table = WorkerTableFixture.seed(dynamo.client(), plan);
    Set<Map<String, AttributeValue>> changed = ConcurrentHashMap.newKeySet();
    AtomicInteger raced = new AtomicInteger();
    PageListener changeBeforeDelete = (segment, items) -> {
      int n = 0;
      for (Map<String, AttributeValue> item : items) {
        if (WorkerTableFixture.expiredAndCompleted(item, Instant.now()) && n++ < 3) {
          if (restart(dynamo.client(), plan.table(), item, n % 2 == 0)) {
            changed.add(WorkerTable.key(item));
            raced.incrementAndGet();
          }
        }
      }
    };
    List<Map<String, AttributeValue>> expired = table.items().stream()
        .filter(i -> WorkerTableFixture.expiredAndCompleted(i, Instant.now())).toList();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread updater = Thread.ofVirtual().start(() -> {
      for (int i = 0; running.get() && i < expired.size(); i += 7) {
        Map<String, AttributeValue> item = expired.get(i);
        if (restart(dynamo.client(), plan.table(), item, true)) changed.add(WorkerTable.key(item));
      }
    });

    ScavengeResult result;
    try {
      result = new Scavenger(dynamo.client(), Clock.systemUTC(), changeBeforeDelete)
          .run(settings(plan, 3, 3, mode, false), Resume.fromStart(3), Deadline.after(Duration.ofMinutes(1)),
              Deadline.after(Duration.ofMinutes(2)));
    } finally {
      running.set(false);
      updater.join();
    }

    table.assertOnlyExpiredItemsGone(changed);
    assertThat(raced.get()).isPositive();
    assertThat(result.conditionFailed()).isGreaterThanOrEqualTo(raced.get());
    assertThat(result.deleted() + result.conditionFailed()).isEqualTo(result.matched());
    assertThat(result.failed()).isZero();
  }

  /**
   * The table disappears after the scan read its only page: every delete request fails for good. The run stops with
   * the SDK's exception as its cause instead of counting the items as failed and ending "done".
   */
  @ParameterizedTest
  @EnumSource(DeleteMode.class)
  void aTableDroppedBeforeItsDeletesFailsTheRunWithTheCause(DeleteMode mode) throws Exception {
    SeedPlan plan = plan(600, 0);
    WorkerTableFixture.seed(dynamo.client(), plan);
    AtomicBoolean dropped = new AtomicBoolean();
    PageListener dropTheTable = (segment, items) -> {
      if (dropped.compareAndSet(false, true)) dynamo.client().deleteTable(b -> b.tableName(plan.table()));
    };
    ScavengeSettings onePage = new ScavengeSettings(plan.table(), 1, 2, Duration.ofHours(48), false, mode,
        new PageSize.Fixed(5_000));

    assertThatThrownBy(() -> runToEnd(new Scavenger(dynamo.client(), Clock.systemUTC(), dropTheTable), onePage))
        .isInstanceOf(ScavengeFailedException.class)
        .hasMessageContaining("scavenging " + plan.table() + " failed")
        .cause().isInstanceOfSatisfying(AwsServiceException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).startsWith("ResourceNotFound"));
    assertThat(dropped).isTrue();
  }

  /** Restarts or reopens an item if it still exists; true if it was changed. */
  private static boolean restart(DynamoDbClient client, String table, Map<String, AttributeValue> item, boolean restart) {
    try {
      if (restart) {
        client.updateItem(b -> b.tableName(table).key(WorkerTable.key(item))
            .updateExpression("SET StartExecutionTime = :now")
            .conditionExpression("attribute_exists(WorkerId)")
            .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(Instant.now().toString()))));
      } else {
        client.updateItem(b -> b.tableName(table).key(WorkerTable.key(item))
            .updateExpression("SET Completed = :open")
            .conditionExpression("attribute_exists(WorkerId)")
            .expressionAttributeValues(Map.of(":open", AttributeValue.fromN("0"))));
      }
      return true;
    } catch (ConditionalCheckFailedException alreadyDeleted) {
      return false;
    }
  }

  @ParameterizedTest
  @EnumSource(value = DeleteMode.class, names = {"BATCH", "TRANSACT"})
  void throttlingIsRetriedAndNoItemIsLost(DeleteMode mode) throws Exception {
    SeedPlan plan = plan(2_000, 2);
    WorkerTableFixture table = WorkerTableFixture.seed(dynamo.client(), plan);
    ThrottlingProxy.Faults faults = new ThrottlingProxy.Faults(
        Set.of("Scan", "BatchExecuteStatement", "TransactWriteItems"), 4, true);
    ScavengeResult result;
    try (ThrottlingProxy proxy = ThrottlingProxy.start(dynamo.endpoint(), faults);
        DynamoDbClient throttled = DynamoDbClients.forEndpoint(proxy.endpoint())) {
      result = runToEnd(new Scavenger(throttled, Clock.systemUTC()), settings(plan, 3, 4, mode, false));
      assertThat(proxy.throttled()).isPositive();
      assertThat(result.throttled()).isGreaterThanOrEqualTo(proxy.throttled());
      if (mode == DeleteMode.BATCH) assertThat(proxy.heldBack()).isPositive();
    }

    table.assertOnlyExpiredItemsGone();
    assertThat(result.done()).isTrue();
    assertThat(result.deleted()).isEqualTo(plan.expired());
    assertThat(result.failed() + result.deferred()).isZero();
  }

  /**
   * Stopped by its deadline again and again, every run hands its resume point (through JSON, as Lambda would) to the
   * next. Together the runs read every completed item exactly once and delete every expired one exactly once.
   */
  @Test
  void aRunStoppedByTheDeadlineResumesExactlyWhereItStopped() throws Exception {
    SeedPlan plan = plan(4_000, 4);
    WorkerTableFixture table = WorkerTableFixture.seed(dynamo.client(), plan);
    long completed = table.items().stream().filter(i -> i.get("Completed") != null
        && "1".equals(i.get("Completed").n() != null ? i.get("Completed").n() : i.get("Completed").s())).count();
    Scavenger scavenger = new Scavenger(dynamo.client(), Clock.systemUTC());
    ScavengeSettings settings = new ScavengeSettings(plan.table(), 3, 2, Duration.ofHours(48), false,
        DeleteMode.BATCH, new PageSize.Fixed(50));

    List<ScavengeResult> runs = new ArrayList<>();
    Resume resume = Resume.fromStart(3);
    while (resume != null) {
      ScavengeResult run = scavenger.run(settings, resume, Deadline.after(Duration.ofMillis(150)),
          Deadline.after(Duration.ofSeconds(30)));
      runs.add(run);
      resume = run.resume() == null ? null : Resume.fromJson(throughJson(run.resume().toJson()));
      assertThat(runs).hasSizeLessThan(500);
    }

    table.assertOnlyExpiredItemsGone();
    assertThat(runs.size()).isGreaterThan(1);
    assertThat(runs.subList(0, runs.size() - 1)).allMatch(r -> r.ending() == Ending.DEADLINE);
    assertThat(runs.stream().mapToLong(ScavengeResult::scanned).sum()).as("completed items read").isEqualTo(completed);
    assertThat(runs.stream().mapToLong(ScavengeResult::deleted).sum()).isEqualTo(plan.expired());
    assertThat(runs.stream().mapToLong(r -> r.conditionFailed() + r.failed() + r.deferred()).sum()).isZero();
  }

  /**
   * Cut hard: deletes in flight are interrupted at {@code finishBy}. Their pages are read again on resume; the
   * table still ends exactly right and no delete is counted twice.
   */
  @Test
  void deletesCutOffAtTheHardDeadlineAreReadAgainOnResume() throws Exception {
    SeedPlan plan = plan(3_000, 0);
    WorkerTableFixture table = WorkerTableFixture.seed(dynamo.client(), plan);
    // Throttling slows the deletes down so that the hard deadline finds some in flight.
    ThrottlingProxy.Faults faults = new ThrottlingProxy.Faults(Set.of("BatchExecuteStatement"), 2, false);
    List<ScavengeResult> runs = new ArrayList<>();
    try (ThrottlingProxy proxy = ThrottlingProxy.start(dynamo.endpoint(), faults);
        DynamoDbClient slow = DynamoDbClients.forEndpoint(proxy.endpoint())) {
      Scavenger scavenger = new Scavenger(slow, Clock.systemUTC());
      ScavengeSettings settings = new ScavengeSettings(plan.table(), 2, 4, Duration.ofHours(48), false,
          DeleteMode.BATCH, new PageSize.Fixed(100));
      Resume resume = Resume.fromStart(2);
      while (resume != null) {
        ScavengeResult run = scavenger.run(settings, resume, Deadline.after(Duration.ofMillis(100)),
            Deadline.after(Duration.ofMillis(150)));
        runs.add(run);
        resume = run.resume();
        assertThat(runs).hasSizeLessThan(1_000);
      }
    }

    table.assertOnlyExpiredItemsGone();
    assertThat(runs.stream().mapToLong(ScavengeResult::deferred).sum()).as("deletes cut off").isPositive();
    assertThat(runs.stream().mapToLong(ScavengeResult::deleted).sum()).isLessThanOrEqualTo(plan.expired());
    assertThat(runs.stream().mapToLong(ScavengeResult::failed).sum()).isZero();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> throughJson(Map<String, Object> json) throws Exception {
    return JSON.readValue(JSON.writeValueAsString(json), Map.class);
  }
}
