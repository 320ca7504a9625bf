package dev.lambdaloom.functions.scavenger;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item the scan found expired and completed, with the two values the decision rested on: it is deleted only if
 * both are still what was scanned.
 */
record Candidate(Map<String, AttributeValue> key, AttributeValue startExecutionTime, AttributeValue completed) {
  Candidate {
    key = Map.copyOf(key);
  }
}
