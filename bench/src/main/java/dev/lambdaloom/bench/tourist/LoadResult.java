package dev.lambdaloom.bench.tourist;

import dev.lambdaloom.bench.LatencySummary;
import java.util.List;
import java.util.Map;

/**
 * What one load run measured at the client.
 *
 * @param concurrency how many requests were in flight at once
 * @param requests how many were sent
 * @param wallSeconds from the first request sent to the last answer
 * @param latency every request's round trip
 * @param byOperation round trips per operation
 * @param statuses responses per HTTP status; 0 counts transport failures
 * @param invocations the Lambda request id of each answered request, with its operation
 */
public record LoadResult(int concurrency, int requests, double wallSeconds, LatencySummary latency,
    Map<Operation, LatencySummary> byOperation, Map<Integer, Long> statuses, List<Invocation> invocations) {

  /** One request that reached the function. */
  public record Invocation(Operation operation, String lambdaRequestId, int status) {}

  public double throughput() {
    return wallSeconds == 0 ? 0 : requests / wallSeconds;
  }

  /** Responses with this status. */
  public long count(int status) {
    return statuses.getOrDefault(status, 0L);
  }

  /** 5xx responses plus transport failures. */
  public long serverErrors() {
    return statuses.entrySet().stream().filter(e -> e.getKey() >= 500 || e.getKey() == 0).mapToLong(Map.Entry::getValue).sum();
  }
}
