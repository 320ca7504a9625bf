package dev.lambdaloom.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ShardedIngest state machine's first step: cuts the execution's ingest request into shards ({@link ShardPlan}).
 * Event: {@code {"input": {"request": {...}, "idsPerShard": 100000}, "runId": "<execution name>"}}; answer:
 * {@code {"shards": [{"index", "request", "done": []}...], "shardCount", "ids"}}. Sends nothing anywhere.
 */
public final class IngestShardPlanner implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    if (!(event.get("input") instanceof Map<?, ?> input)) {
      throw new IllegalArgumentException("the event needs 'input', the execution's input {\"request\": {...},"
          + " \"idsPerShard\": n}");
    }
    Object request = input.get("request");
    if (request != null && !(request instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("'request' must be an object: the ingest request to shard");
    }
    ShardPlan plan = ShardPlan.of((Map<String, Object>) request, input.get("idsPerShard"),
        event.get("runId") == null ? null : String.valueOf(event.get("runId")));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("shards", plan.shards());
    answer.put("shardCount", plan.shards().size());
    answer.put("ids", plan.ids());
    context.getLogger().log("planner: " + plan.ids() + " ids in " + plan.shards().size() + " shards\n");
    return answer;
  }
}
