package dev.lambdaloom.functions.scavenger;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Where the scan of one segment goes on: after {@code after} (a Scan ExclusiveStartKey), or from its start if null. */
record SegmentStart(int segment, Map<String, AttributeValue> after) {
  SegmentStart {
    if (segment < 0) throw new IllegalArgumentException("segment < 0: " + segment);
    after = after == null || after.isEmpty() ? null : Map.copyOf(after);
  }
}
