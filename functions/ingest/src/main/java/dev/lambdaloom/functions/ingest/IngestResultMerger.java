package dev.lambdaloom.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;

/**
 * The ShardedIngest state machine's last step: one result for the whole job from its shards' outputs
 * ({@link ShardTotals}). Event: {@code {"shards": [<shard output>...]}}, the Distributed Map's result in shard order.
 * Sends nothing anywhere.
 */
public final class IngestResultMerger implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    if (!(event.get("shards") instanceof List<?> shards)) {
      throw new IllegalArgumentException("the event needs 'shards': the Distributed Map's outputs, one per shard");
    }
    ShardTotals totals = new ShardTotals();
    for (int i = 0; i < shards.size(); i++) {
      totals.addShard(i, shards.get(i));
    }
    Map<String, Object> merged = totals.toJson();
    context.getLogger().log("merger: " + merged.get("shards") + " shards, " + merged.get("calls") + " calls, "
        + merged.get("valid") + " valid, " + ((List<?>) merged.get("failedShards")).size() + " failed shards\n");
    return merged;
  }
}
