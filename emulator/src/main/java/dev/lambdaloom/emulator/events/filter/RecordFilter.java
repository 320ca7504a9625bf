package dev.lambdaloom.emulator.events.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An event source mapping's FilterCriteria: the patterns of Lambda's event filtering (EventBridge's pattern syntax as
 * far as Lambda takes it), each parsed once. A record passes when any pattern matches it; a pattern matches when every
 * field it names matches (nested objects descend into the record, arrays in the record match when any element does).
 *
 * <p>Rules: exact strings, numbers (numerically: 100 = 100.0), booleans and null; {@code prefix}, {@code suffix}
 * (either with {@code {"equals-ignore-case": ...}}), {@code equals-ignore-case}, {@code anything-but} (values, or
 * prefix, suffix, equals-ignore-case, wildcard), {@code numeric} with one or two comparisons, {@code exists},
 * {@code cidr} (IPv4 and IPv6), {@code wildcard}, and {@code $or} at any level.
 *
 * <p>Immutable, so one instance serves every poller thread. The record given to {@link #matches} is the shape Lambda
 * matches for the source, which {@link FilterInput} builds.
 */
public final class RecordFilter {
  private static final RecordFilter EVERYTHING = new RecordFilter(List.of());

  private final List<ObjectPattern> patterns;

  private RecordFilter(List<ObjectPattern> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  /**
   * The filter of a mapping's patterns; no patterns: every record passes.
   *
   * @throws IllegalArgumentException naming the pattern, where in it and what is wrong, for a pattern that is not JSON
   *     or uses a rule Lambda does not support
   */
  public static RecordFilter of(List<String> patterns) {
    if (patterns.isEmpty()) {
      return EVERYTHING;
    }
    List<ObjectPattern> parsed = new ArrayList<>();
    for (String pattern : patterns) {
      parsed.add(new PatternParser(pattern).parse());
    }
    return new RecordFilter(parsed);
  }

  /** Whether Lambda would deliver the record: any pattern matches (or there are none). */
  public boolean matches(JsonNode record) {
    return patterns.isEmpty() || patterns.stream().anyMatch(pattern -> pattern.matches(record));
  }

  /** True when there are no patterns and so nothing is filtered out. */
  public boolean passesEverything() {
    return patterns.isEmpty();
  }
}
