package dev.lambdaloom.functions.scavenger;

import dev.lambdaloom.core.InvalidSettingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The unfinished segments of a scan, and where each goes on. It travels in the response and the next event as JSON:
 * {@code {"totalSegments": 10, "segments": [{"segment": 3, "after": {"WorkerId": {"N": "7"}, "StartTime": {"S":
 * "..."}}}, {"segment": 5}]}}, keys in DynamoDB's own typed notation; a segment without "after" starts from its
 * beginning, a segment not listed is done.
 */
record Resume(int totalSegments, List<SegmentStart> segments) {
  /** The event's key. */
  static final String SETTING = "resume";
  private static final List<String> FIELDS = List.of("totalSegments", "segments");
  private static final List<String> KEY = List.of(WorkerTable.WORKER_ID, WorkerTable.START_TIME);
  /** DynamoDB's number syntax. */
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

  Resume {
    if (totalSegments < 1) throw new IllegalArgumentException("totalSegments < 1: " + totalSegments);
    segments = List.copyOf(segments);
    for (SegmentStart s : segments) {
      if (s.segment() >= totalSegments) {
        throw new IllegalArgumentException("segment " + s.segment() + " is not below totalSegments " + totalSegments);
      }
    }
  }

  /** Every segment, from its start. */
  static Resume fromStart(int totalSegments) {
    return new Resume(totalSegments, IntStream.range(0, totalSegments).mapToObj(i -> new SegmentStart(i, null)).toList());
  }

  boolean done() {
    return segments.isEmpty();
  }

  Map<String, Object> toJson() {
    List<Object> list = new ArrayList<>();
    for (SegmentStart s : segments) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("segment", s.segment());
      if (s.after() != null) {
        Map<String, Object> key = new LinkedHashMap<>();
        s.after().forEach((name, value) -> key.put(name, typed(value)));
        entry.put("after", key);
      }
      list.add(entry);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("totalSegments", totalSegments);
    json.put("segments", list);
    return json;
  }

  /**
   * Reads what {@link #toJson()} wrote, as a JSON deserializer hands it over (maps, lists, numbers, strings), and
   * nothing else: unknown or missing fields, numbers as text or with fractions, a segment listed twice or past
   * totalSegments, a key other than the worker table's {@code {"WorkerId": {"N": ...}, "StartTime": {"S": ...}}} are
   * all refused. A resume that cannot be read is an error, never "start from the beginning".
   *
   * @throws InvalidSettingException naming {@code resume}
   */
  static Resume fromJson(Object json) {
    Map<?, ?> map = object(json, "resume", FIELDS, FIELDS);
    int total = wholeNumber(map.get("totalSegments"), "resume.totalSegments", 1, ScavengeSettings.MAX_SEGMENTS);
    if (!(map.get("segments") instanceof List<?> list)) throw invalid("resume.segments must be a list");
    List<SegmentStart> segments = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (Object element : list) {
      Map<?, ?> entry = object(element, "each of resume.segments", List.of("segment"), List.of("segment", "after"));
      int segment = wholeNumber(entry.get("segment"), "resume.segments[].segment", 0, total - 1);
      if (!seen.add(segment)) throw invalid("resume lists segment " + segment + " twice");
      Map<String, AttributeValue> after = null;
      if (entry.containsKey("after")) {
        Map<?, ?> key = object(entry.get("after"), "resume.segments[].after", KEY, KEY);
        after = new LinkedHashMap<>();
        after.put(WorkerTable.WORKER_ID, attributeValue(key.get(WorkerTable.WORKER_ID), "N"));
        after.put(WorkerTable.START_TIME, attributeValue(key.get(WorkerTable.START_TIME), "S"));
      }
      segments.add(new SegmentStart(segment, after));
    }
    return new Resume(total, segments);
  }

  /** The worker table's key attributes are a number and a string. */
  private static Map<String, String> typed(AttributeValue value) {
    if (value.s() != null) return Map.of("S", value.s());
    if (value.n() != null) return Map.of("N", value.n());
    throw new IllegalArgumentException("a worker table key attribute is S or N: " + value);
  }

  /** A JSON object with every key of {@code required} and no key outside {@code allowed}. */
  private static Map<?, ?> object(Object json, String name, List<String> required, List<String> allowed) {
    if (!(json instanceof Map<?, ?> map)) throw invalid(name + " must be an object, not " + json);
    for (String key : required) {
      if (!map.containsKey(key)) throw invalid(name + " has no " + key + ": " + json);
    }
    for (Object key : map.keySet()) {
      if (!allowed.contains(key)) throw invalid(name + " has an unknown field '" + key + "': " + json);
    }
    return map;
  }

  /** A key attribute in DynamoDB's typed notation, of the one type the worker table's key has. */
  private static AttributeValue attributeValue(Object json, String type) {
    if (json instanceof Map<?, ?> typed && typed.size() == 1 && typed.get(type) instanceof String text
        && !text.isEmpty() && (!type.equals("N") || NUMBER.matcher(text).matches())) {
      return type.equals("N") ? AttributeValue.fromN(text) : AttributeValue.fromS(text);
    }
    throw invalid("resume key attributes must be {\"" + type + "\": \"...\"} as the scan returned them, not " + json);
  }

  /** What a JSON parser makes of a whole number; no text, no fraction (not even .0). */
  private static int wholeNumber(Object value, String name, int min, int max) {
    long number = switch (value) {
      case Integer i -> i;
      case Long l -> l;
      case null, default -> throw invalid(name + " must be a whole number from " + min + " to " + max + ", not " + value);
    };
    if (number < min || number > max) {
      throw invalid(name + " must be a whole number from " + min + " to " + max + ", not " + value);
    }
    return (int) number;
  }

  private static InvalidSettingException invalid(String problem) {
    return new InvalidSettingException(SETTING, problem
        + " (pass back the previous response's resume unchanged, or leave it out to start a new scan)");
  }
}
