package dev.lambdaloom.functions.scavenger;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The attributes of the worker records table the scavenger reads (the article's table). */
final class WorkerTable {
  static final String WORKER_ID = "WorkerId"; // N, partition key
  static final String START_TIME = "StartTime"; // S, sort key
  static final String START_EXECUTION_TIME = "StartExecutionTime"; // S, RFC 3339
  static final String COMPLETED = "Completed"; // N 1 or, in older items, S "1"

  /** Completed as the current items store it, and as older ones do. */
  static final AttributeValue COMPLETED_N = AttributeValue.fromN("1");
  static final AttributeValue COMPLETED_S = AttributeValue.fromS("1");

  private WorkerTable() {}

  /** The primary key of {@code item}. */
  static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    key.put(WORKER_ID, item.get(WORKER_ID));
    key.put(START_TIME, item.get(START_TIME));
    return key;
  }
}
