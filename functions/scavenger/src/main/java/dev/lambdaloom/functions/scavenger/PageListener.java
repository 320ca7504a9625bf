package dev.lambdaloom.functions.scavenger;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Told of every scan page before its candidates go to the deleters: progress, and the moment of a race in tests. */
@FunctionalInterface
interface PageListener {
  PageListener NONE = (segment, items) -> {};

  void onPage(int segment, List<Map<String, AttributeValue>> items) throws Exception;
}
