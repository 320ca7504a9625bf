package dev.lambdaloom.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardTotalsTest {
  private static Map<String, Object> call(long valid, long rejected, String base) {
    Map<String, Object> call = new java.util.LinkedHashMap<>();
    call.put("requested", valid + rejected);
    call.put("fetched", valid + rejected);
    call.put("valid", valid);
    call.put("rejected", rejected == 0 ? Map.of() : Map.of("NOT_JSON", rejected));
    call.put("retried", 1);
    call.put("failed", Map.of("count", 0, "byReason", Map.of()));
    call.put("rows", valid);
    call.put("values", valid * 3);
    call.put("bytesWritten", 100);
    call.put("keys", rejected == 0 ? List.of(base + ".parquet") : List.of(base + "-rejected.jsonl", base + ".parquet"));
    call.put("pending", 0);
    return call;
  }

  @Test
  void addsUpEveryCallOfEveryShardAndListsTheObjectsByKindAndTheFailedShards() {
    ShardTotals totals = new ShardTotals();
    // Shard 0 took two calls (newest first in its chain), shard 1 failed, shard 2 one call.
    totals.addShard(0, Map.of("call", call(50, 2, "p/r-s0000/00002"),
        "before", Map.of("call", call(40, 0, "p/r-s0000/00001"), "before", List.of())));
    totals.addShard(1, Map.of("Error", "Lambda.ServiceException", "Cause", "down"));
    totals.addShard(2, Map.of("call", call(10, 1, "p/r-s0002/00001"), "before", List.of()));

    Map<String, Object> json = totals.toJson();
    assertThat(json).containsEntry("shards", 3).containsEntry("calls", 3).containsEntry("valid", 100L)
        .containsEntry("requested", 103L).containsEntry("retried", 3L).containsEntry("values", 300L)
        .containsEntry("rejected", Map.of("NOT_JSON", 3L));
    assertThat(json.get("parquetObjects")).isEqualTo(List.of("p/r-s0000/00001.parquet", "p/r-s0000/00002.parquet",
        "p/r-s0002/00001.parquet"));
    assertThat(json.get("rejectedObjects")).isEqualTo(List.of("p/r-s0000/00002-rejected.jsonl",
        "p/r-s0002/00001-rejected.jsonl"));
    assertThat(json.get("failedShards")).isEqualTo(List.of(Map.of("shard", 1, "error", "Lambda.ServiceException",
        "cause", "down")));
  }
}
