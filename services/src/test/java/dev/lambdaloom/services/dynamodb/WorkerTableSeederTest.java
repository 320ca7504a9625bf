package dev.lambdaloom.services.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class WorkerTableSeederTest {
  private static DynamoDbLocal dynamo;

  @BeforeAll
  static void start() {
    dynamo = DynamoDbLocal.start();
  }

  @AfterAll
  static void stop() {
    dynamo.close();
  }

  @Test
  void writesThePlannedMixWithCompletedAsNumberAndAsString() throws Exception {
    SeedPlan plan = new SeedPlan("SeedMix", 2_000, 0.9, 6, 7, Instant.now());
    WorkerTableSeeder seeder = new WorkerTableSeeder(dynamo.client(), 4);
    seeder.recreateTable(plan.table());
    AtomicLong progress = new AtomicLong();

    SeedSummary summary = seeder.seed(plan, progress::addAndGet);

    assertThat(summary.written()).isEqualTo(2_006);
    assertThat(summary.expired()).isEqualTo(1_800);
    assertThat(summary.malformed()).isEqualTo(6);
    assertThat(summary.recent() + summary.notCompleted()).isEqualTo(200);
    assertThat(progress.get()).isEqualTo(2_006);
    List<Map<String, AttributeValue>> items = scanAll(dynamo.client(), plan.table());
    assertThat(items).hasSize(2_006);
    long asString = items.stream().filter(i -> i.get("Completed").s() != null).count();
    assertThat(asString).isEqualTo(summary.completedAsString()).isBetween(500L, 800L);
    assertThat(items.stream().filter(i -> i.get("StartExecutionTime") == null).count()).isEqualTo(3);
    assertThat(items).allSatisfy(i -> assertThat(i.keySet()).contains("WorkerId", "StartTime", "PaginationToken"));
  }

  @Test
  void unprocessedItemsAndThrottlingAreWrittenAgain() throws Exception {
    SeedPlan plan = new SeedPlan("SeedThrottled", 1_000, 0.5, 0, 3, Instant.now());
    try (ThrottlingProxy proxy = ThrottlingProxy.start(dynamo.endpoint(),
            new ThrottlingProxy.Faults(Set.of("BatchWriteItem"), 4, true));
        DynamoDbClient client = DynamoDbClients.forEndpoint(proxy.endpoint())) {
      WorkerTableSeeder seeder = new WorkerTableSeeder(client, 4);
      seeder.recreateTable(plan.table());

      SeedSummary summary = seeder.seed(plan, n -> {});

      assertThat(proxy.throttled()).isPositive();
      assertThat(proxy.heldBack()).isPositive();
      assertThat(summary.retries()).isGreaterThanOrEqualTo(proxy.throttled());
    }
    assertThat(scanAll(dynamo.client(), plan.table())).hasSize(1_000);
  }

  static List<Map<String, AttributeValue>> scanAll(DynamoDbClient client, String table) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    client.scanPaginator(b -> b.tableName(table)).items().forEach(items::add);
    return items;
  }
}
