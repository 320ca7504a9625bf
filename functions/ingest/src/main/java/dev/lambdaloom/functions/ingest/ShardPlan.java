package dev.lambdaloom.functions.ingest;

import dev.lambdaloom.core.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a large ingest is cut into shards for the ShardedIngest state machine's Distributed Map: its {@code range} into
 * consecutive sub-ranges, or its {@code ids} into consecutive slices, of {@code idsPerShard} ids each. Every shard is
 * the job's request with its own ids and its own run id, {@code <execution name>-s<index>}: a retried invocation of a
 * shard (same run id, same resume token) writes the same S3 keys as the attempt it replaces, and two shards never write
 * the same keys.
 *
 * <p>The shards travel in the execution's state, which Step Functions caps at 256 KiB, hence {@link #MAX_SHARDS}: ten
 * million ids at the default size are 100 shards.
 */
record ShardPlan(List<Map<String, Object>> shards, long ids) {
  static final long DEFAULT_IDS_PER_SHARD = 100_000;
  static final int MAX_SHARDS = 500;
  /** Room for "-s" and four digits in a run id of at most {@link RunId#MAX_LENGTH}. */
  private static final int MAX_BASE_LENGTH = RunId.MAX_LENGTH - 6;

  /**
   * @param request the ingest request ({@link IngestRequest}'s fields) with {@code range} or {@code ids}, without
   *     {@code runId} or {@code resume}: each shard gets its own
   * @param idsPerShard null for {@link #DEFAULT_IDS_PER_SHARD}
   * @param run the execution's name
   */
  static ShardPlan of(Map<String, Object> request, Object idsPerShard, String run) {
    if (request == null) {
      throw new IllegalArgumentException("'request' is missing: the ingest request to shard ({\"urlTemplate\": ...,"
          + " \"range\": {\"from\": 0, \"to\": 10000000}, ...})");
    }
    for (String refused : List.of("runId", "resume")) {
      if (request.get(refused) != null) {
        throw new IllegalArgumentException("the request's '" + refused + "' is set by the planner, one per shard; leave"
            + " it out");
      }
    }
    long size = Settings.of(idsPerShard == null ? Map.of() : Map.of("idsPerShard", idsPerShard), Map.of())
        .wholeNumber("idsPerShard", null, DEFAULT_IDS_PER_SHARD, 1L, 100_000_000L);
    String base = runBase(run);
    List<Object> pieces = pieces(request, size);
    if (pieces.size() > MAX_SHARDS) {
      throw new IllegalArgumentException(pieces.size() + " shards of " + size + " ids exceed " + MAX_SHARDS
          + " (the shard list travels in the execution's 256 KiB state); raise idsPerShard");
    }
    List<Map<String, Object>> shards = new ArrayList<>();
    long ids = 0;
    for (int i = 0; i < pieces.size(); i++) {
      Map<String, Object> shardRequest = new LinkedHashMap<>(request);
      shardRequest.remove("range");
      shardRequest.remove("ids");
      Object piece = pieces.get(i);
      if (piece instanceof IdSource.Range range) {
        shardRequest.put("range", Map.of("from", range.from(), "to", range.to()));
        ids += range.to() - range.from();
      } else {
        List<?> slice = (List<?>) piece;
        shardRequest.put("ids", slice);
        ids += slice.size();
      }
      shardRequest.put("runId", String.format(Locale.ROOT, "%s-s%04d", base, i));
      Map<String, Object> shard = new LinkedHashMap<>();
      shard.put("index", i);
      shard.put("request", shardRequest);
      // The chain of this shard's calls, empty so far ([], not null: Lambda's Java runtime leaves nulls out).
      shard.put("done", List.of());
      shards.add(shard);
    }
    return new ShardPlan(shards, ids);
  }

  private static List<Object> pieces(Map<String, Object> request, long size) {
    Object range = request.get("range");
    Object ids = request.get("ids");
    if ((range == null) == (ids == null)) {
      throw new IllegalArgumentException("the request needs either 'range' or 'ids' (not both, not neither)");
    }
    List<Object> pieces = new ArrayList<>();
    if (range != null) {
      if (!(range instanceof Map<?, ?> ends)) {
        throw new IllegalArgumentException("'range' must be an object {\"from\": 0, \"to\": 10000} (to excluded)");
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      ends.forEach((k, v) -> fields.put(String.valueOf(k), v));
      Settings settings = Settings.of(fields, Map.of());
      long from = settings.wholeNumber("from", null, -1L, 0L, Long.MAX_VALUE);
      long to = settings.wholeNumber("to", null, -1L, 0L, Long.MAX_VALUE);
      if (from < 0 || to <= from) {
        throw new IllegalArgumentException("'range' needs 'from' and a larger 'to' (to excluded), not " + range);
      }
      for (long start = from; start < to; start = start + Math.min(size, to - start)) {
        pieces.add(new IdSource.Range(start, start + Math.min(size, to - start)));
        if (pieces.size() > MAX_SHARDS) break; // enough to refuse
      }
    } else {
      if (!(ids instanceof List<?> list) || list.isEmpty()) {
        throw new IllegalArgumentException("'ids' must be a non-empty array");
      }
      for (int start = 0; start < list.size(); start += (int) Math.min(size, list.size() - start)) {
        pieces.add(List.copyOf(list.subList(start, (int) Math.min(list.size(), start + size))));
      }
    }
    return pieces;
  }

  /**
   * The execution's name as the start of a run id: characters a run id does not take become '_', and a name too long
   * keeps its start and a hash of the whole, so different names stay different.
   */
  static String runBase(String run) {
    if (run == null || run.isEmpty()) {
      throw new IllegalArgumentException("'runId' is missing: the state machine passes $$.Execution.Name");
    }
    String safe = run.replaceAll("[^A-Za-z0-9._-]", "_");
    if (!Character.isLetterOrDigit(safe.charAt(0))) safe = "r" + safe;
    if (safe.length() > MAX_BASE_LENGTH) {
      safe = safe.substring(0, MAX_BASE_LENGTH - 9) + "-" + String.format("%08x", run.hashCode());
    }
    return safe;
  }
}
