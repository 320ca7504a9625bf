package dev.lambdaloom.functions.scavenger;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The unfinished segments of a scan, and where each goes on. It travels in the response and the next event as JSON:
 * {@code {"totalSegments": 10, "segments": [{"segment": 3, "after": {"WorkerId": {"N": "7"}, "StartTime": {"S":
 * "..."}}}, {"segment": 5}]}}, keys in DynamoDB's own typed notation; a segment without "after" starts from its
 * beginning, a segment not listed is done.
 */
record Resume(int totalSegments, List<SegmentStart> segments) {
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

  /** Reads what {@link #toJson()} wrote, as a JSON deserializer hands it over (maps, lists, numbers, strings). */
  static Resume fromJson(Object json) {
    if (!(json instanceof Map<?, ?> map)) throw invalid("an object with totalSegments and segments");
    int total = wholeNumber(map.get("totalSegments"), "resume.totalSegments");
    if (!(map.get("segments") instanceof List<?> list)) throw invalid("a segments list");
    List<SegmentStart> segments = new ArrayList<>();
    for (Object element : list) {
      if (!(element instanceof Map<?, ?> entry)) throw invalid("segments of {segment, after}");
      int segment = wholeNumber(entry.get("segment"), "resume.segments[].segment");
      Map<String, AttributeValue> after = null;
      if (entry.get("after") instanceof Map<?, ?> key) {
        after = new LinkedHashMap<>();
        for (var attribute : key.entrySet()) {
          after.put(String.valueOf(attribute.getKey()), attributeValue(attribute.getValue()));
        }
      } else if (entry.get("after") != null) {
        throw invalid("'after' as a key object");
      }
      segments.add(new SegmentStart(segment, after));
    }
    return new Resume(total, segments);
  }

  /** Key attributes are strings, numbers or binary. */
  private static Map<String, String> typed(AttributeValue value) {
    if (value.s() != null) return Map.of("S", value.s());
    if (value.n() != null) return Map.of("N", value.n());
    if (value.b() != null) return Map.of("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
    throw new IllegalArgumentException("a key attribute must be S, N or B: " + value);
  }

  private static AttributeValue attributeValue(Object json) {
    if (json instanceof Map<?, ?> typed && typed.size() == 1) {
      var entry = typed.entrySet().iterator().next();
      String text = String.valueOf(entry.getValue());
      switch (String.valueOf(entry.getKey())) {
        case "S" -> {
          return AttributeValue.fromS(text);
        }
        case "N" -> {
          return AttributeValue.fromN(text);
        }
        case "B" -> {
          return AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(text)));
        }
        default -> {
        }
      }
    }
    throw invalid("key attributes as {\"S\": ...}, {\"N\": ...} or {\"B\": ...}, not " + json);
  }

  private static int wholeNumber(Object value, String name) {
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.intValue();
    if (value instanceof String s) {
      try {
        return Integer.parseInt(s.strip());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw invalid(name + " as a whole number, not " + value);
  }

  private static IllegalArgumentException invalid(String expected) {
    return new IllegalArgumentException("resume: expected " + expected);
  }
}
