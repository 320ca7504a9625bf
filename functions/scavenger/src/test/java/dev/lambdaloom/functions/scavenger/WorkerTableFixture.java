package dev.lambdaloom.functions.scavenger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.services.dynamodb.SeedPlan;
import dev.lambdaloom.services.dynamodb.WorkerTableSeeder;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A seeded worker table and the check that matters: after a run, exactly the expired completed items are gone. The
 * check decides each item on its own, from a full scan before the run, without the scavenger's code.
 */
record WorkerTableFixture(DynamoDbClient client, SeedPlan plan, Map<Map<String, AttributeValue>, Map<String, AttributeValue>> before) {
  static WorkerTableFixture seed(DynamoDbClient client, SeedPlan plan) throws InterruptedException {
    WorkerTableSeeder seeder = new WorkerTableSeeder(client, 4);
    seeder.recreateTable(plan.table());
    seeder.seed(plan, n -> {});
    return new WorkerTableFixture(client, plan, snapshot(client, plan.table()));
  }

  static Map<Map<String, AttributeValue>, Map<String, AttributeValue>> snapshot(DynamoDbClient client, String table) {
    Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = new HashMap<>();
    client.scanPaginator(b -> b.tableName(table)).items().forEach(item -> items.put(WorkerTable.key(item), item));
    return items;
  }

  /** The oracle: completed (as N 1 or S "1") and started, by a readable timestamp, more than 48 h before now. */
  static boolean expiredAndCompleted(Map<String, AttributeValue> item, Instant now) {
    AttributeValue completed = item.get("Completed");
    boolean isCompleted = completed != null && "1".equals(completed.n() != null ? completed.n() : completed.s());
    AttributeValue started = item.get("StartExecutionTime");
    if (!isCompleted || started == null || started.s() == null) return false;
    try {
      return OffsetDateTime.parse(started.s()).toInstant().isBefore(now.minus(Duration.ofHours(48)));
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  Set<Map<String, AttributeValue>> expiredKeys() {
    Set<Map<String, AttributeValue>> keys = new HashSet<>();
    before.forEach((key, item) -> {
      if (expiredAndCompleted(item, Instant.now())) keys.add(key);
    });
    return keys;
  }

  /** Exactly the expired completed items are gone; every other item is there, as it was or as {@code changed}. */
  void assertOnlyExpiredItemsGone(Set<Map<String, AttributeValue>> changed) {
    Map<Map<String, AttributeValue>, Map<String, AttributeValue>> after = snapshot(client, plan.table());
    Set<Map<String, AttributeValue>> expired = expiredKeys();
    assertThat(expired).hasSize(plan.expired());
    Set<Map<String, AttributeValue>> gone = new HashSet<>(before.keySet());
    gone.removeAll(after.keySet());
    Set<Map<String, AttributeValue>> shouldBeGone = new HashSet<>(expired);
    shouldBeGone.removeAll(changed);
    assertThat(gone).as("deleted items").hasSize(shouldBeGone.size()).isEqualTo(shouldBeGone);
    assertThat(after.keySet()).as("surviving items").doesNotContainAnyElementsOf(shouldBeGone)
        .containsAll(changed);
    for (var entry : after.entrySet()) {
      if (!changed.contains(entry.getKey())) assertThat(entry.getValue()).isEqualTo(before.get(entry.getKey()));
    }
    assertThat(after).hasSize(before.size() - shouldBeGone.size());
  }

  void assertOnlyExpiredItemsGone() {
    assertOnlyExpiredItemsGone(Set.of());
  }

  List<Map<String, AttributeValue>> items() {
    return List.copyOf(before.values());
  }
}
