package dev.lambdaloom.functions.scavenger;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Candidates from one scan page of one segment, handed to a deleter as one unit. {@code pageStart} is the
 * ExclusiveStartKey that page was read with (null: the segment's start), where a resume goes back to if the batch
 * cannot be settled in this invocation.
 */
record Batch(int segment, long page, Map<String, AttributeValue> pageStart, List<Candidate> candidates) {
  Batch {
    candidates = List.copyOf(candidates);
  }
}
