package dev.lambdaloom.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardPlanTest {
  private static Map<String, Object> request(String field, Object ids) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("urlTemplate", "http://127.0.0.1:1/readings/{id}");
    request.put("keyPrefix", "job/");
    request.put(field, ids);
    return request;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> requestOf(Map<String, Object> shard) {
    return (Map<String, Object>) shard.get("request");
  }

  @Test
  void cutsARangeIntoConsecutiveShardsEachWithItsOwnRunId() {
    ShardPlan plan = ShardPlan.of(request("range", Map.of("from", 10, "to", 2_500_010)), 1_000_000, "exec-1");

    assertThat(plan.ids()).isEqualTo(2_500_000);
    assertThat(plan.shards()).extracting(s -> requestOf(s).get("range")).containsExactly(
        Map.of("from", 10L, "to", 1_000_010L), Map.of("from", 1_000_010L, "to", 2_000_010L),
        Map.of("from", 2_000_010L, "to", 2_500_010L));
    assertThat(plan.shards()).extracting(s -> requestOf(s).get("runId"))
        .containsExactly("exec-1-s0000", "exec-1-s0001", "exec-1-s0002");
    assertThat(requestOf(plan.shards().getFirst())).containsEntry("keyPrefix", "job/");
    assertThat(plan.shards().getFirst()).containsEntry("index", 0).containsEntry("done", List.of());
  }

  @Test
  void cutsAnIdListIntoSlicesInOrder() {
    ShardPlan plan = ShardPlan.of(request("ids", List.of("a", "b", "c", "d", "e")), 2, "exec-2");

    assertThat(plan.shards()).extracting(s -> requestOf(s).get("ids"))
        .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
  }

  @Test
  void refusesARunIdOrResumeInTheRequestAndTooManyShards() {
    Map<String, Object> withRun = request("range", Map.of("from", 0, "to", 10));
    withRun.put("runId", "mine");
    assertThatThrownBy(() -> ShardPlan.of(withRun, null, "x")).hasMessageContaining("'runId' is set by the planner");
    assertThatThrownBy(() -> ShardPlan.of(request("range", Map.of("from", 0, "to", 10_000_000)), 1_000, "x"))
        .hasMessageContaining("exceed 500").hasMessageContaining("raise idsPerShard");
    assertThatThrownBy(() -> ShardPlan.of(request("range", Map.of("from", 0, "to", 10)), 1.5, "x"))
        .hasMessageContaining("idsPerShard");
  }

  @Test
  void aLongOrOddExecutionNameStillMakesValidDistinctRunIds() {
    String longName = "n".repeat(80);
    String base = ShardPlan.runBase(longName);
    assertThat(RunId.of(base + "-s0001", "test").value()).hasSizeLessThanOrEqualTo(RunId.MAX_LENGTH);
    assertThat(ShardPlan.runBase(longName)).isNotEqualTo(ShardPlan.runBase("n".repeat(79) + "m"));
    assertThat(ShardPlan.runBase("_a b")).isEqualTo("r_a_b");
  }
}
