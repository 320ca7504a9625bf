package dev.lambdaloom.emulator.events;

import java.util.List;

/**
 * Records a stream mapping gave up, with what the failure record says about them.
 *
 * @param shardId the shard they came from
 * @param records the records, in shard order
 * @param condition why they were given up
 * @param invokeCount how many times they were sent to the function
 * @param lastRequestId the request id of the last invocation, or null when they were never sent
 * @param lastFunctionError the last invocation's error type, or null when it did not fail as a whole
 */
record FailedBatch(String shardId, List<ShardRecord> records, FailureCondition condition, int invokeCount,
    String lastRequestId, String lastFunctionError) {
  FailedBatch {
    records = List.copyOf(records);
    if (records.isEmpty()) {
      throw new IllegalArgumentException("a failed batch has records");
    }
  }
}
