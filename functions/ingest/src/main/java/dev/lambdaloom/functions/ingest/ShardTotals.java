package dev.lambdaloom.functions.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sum of every call of every shard of a sharded ingest, shaped like one call's result ({@link IngestResult}): the
 * counts added up, the rejected and failed counts merged by reason, the objects written listed by kind, and the shards
 * that failed (a Distributed Map that tolerates failures hands them over as {@code {"Error", "Cause"}}).
 *
 * <p>Each shard's output is the chain its state machine loop builds, newest call first: {@code {"call": <result>,
 * "before": {"call": ..., "before": []}}}, the empty list where the shard started.
 */
final class ShardTotals {
  private static final List<String> COUNTS = List.of("requested", "fetched", "valid", "retried", "rows", "values",
      "bytesWritten", "pending");

  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final Map<String, Long> rejected = new TreeMap<>();
  private final Map<String, Long> failedByReason = new TreeMap<>();
  private final List<String> parquetObjects = new ArrayList<>();
  private final List<String> rejectedObjects = new ArrayList<>();
  private final List<String> failedObjects = new ArrayList<>();
  private final List<Map<String, Object>> failedShards = new ArrayList<>();
  private long failedCount;
  private int shards;
  private int calls;

  ShardTotals() {
    COUNTS.forEach(name -> counts.put(name, 0L));
  }

  void addShard(int index, Object output) {
    shards++;
    if (!(output instanceof Map<?, ?> shard)) {
      throw new IllegalArgumentException("shard " + index + "'s output is not an object: " + output);
    }
    if (shard.containsKey("Error")) {
      Map<String, Object> failed = new LinkedHashMap<>();
      failed.put("shard", index);
      failed.put("error", shard.get("Error"));
      failed.put("cause", shard.get("Cause"));
      failedShards.add(failed);
      return;
    }
    Object link = shard;
    while (link instanceof Map<?, ?> node) {
      if (!(node.get("call") instanceof Map<?, ?> call)) {
        throw new IllegalArgumentException("shard " + index + "'s output has no 'call' result: " + node);
      }
      addCall(call);
      link = node.get("before");
    }
  }

  private void addCall(Map<?, ?> call) {
    calls++;
    for (String name : COUNTS) {
      counts.merge(name, whole(call.get(name), name), Long::sum);
    }
    addCounts(rejected, call.get("rejected"));
    if (call.get("failed") instanceof Map<?, ?> failed) {
      failedCount += whole(failed.get("count"), "failed.count");
      addCounts(failedByReason, failed.get("byReason"));
    }
    if (call.get("keys") instanceof List<?> keys) {
      for (Object key : keys) {
        String text = String.valueOf(key);
        if (text.endsWith(CallOutputs.REJECTED_SUFFIX)) {
          rejectedObjects.add(text);
        } else if (text.endsWith(CallOutputs.FAILED_SUFFIX)) {
          failedObjects.add(text);
        } else {
          parquetObjects.add(text);
        }
      }
    }
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("shards", shards);
    json.put("calls", calls);
    counts.forEach(json::put);
    json.put("rejected", rejected);
    json.put("failed", Map.of("count", failedCount, "byReason", failedByReason));
    json.put("parquetObjects", parquetObjects.stream().sorted().toList());
    json.put("rejectedObjects", rejectedObjects.stream().sorted().toList());
    json.put("failedObjects", failedObjects.stream().sorted().toList());
    json.put("failedShards", failedShards);
    return json;
  }

  private static void addCounts(Map<String, Long> into, Object counts) {
    if (counts instanceof Map<?, ?> map) {
      map.forEach((reason, n) -> into.merge(String.valueOf(reason), whole(n, "count of " + reason), Long::sum));
    }
  }

  private static long whole(Object value, String name) {
    if (value == null) return 0;
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.longValue();
    throw new IllegalArgumentException("'" + name + "' is not a whole number: " + value);
  }
}
