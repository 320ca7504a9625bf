package dev.lambdaloom.emulator.events.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One level of a parsed pattern: an object matches when every condition holds (AND across fields). Given no object
 * (the record lacks this level), each field is absent, so only {@code exists: false} rules can hold below it.
 */
record ObjectPattern(List<FieldCondition> conditions) {

  ObjectPattern {
    conditions = List.copyOf(conditions);
  }

  /** @param node the record's object at this level, or null when the record has nothing here */
  boolean matches(JsonNode node) {
    return conditions.stream().allMatch(condition -> condition.matches(node));
  }
}
