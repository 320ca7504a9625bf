package dev.lambdaloom.emulator.apigateway;

import dev.lambdaloom.emulator.PercentDecoding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One route of an HTTP API: {@code GET /tourists/{id}}, {@code ANY /files/{proxy+}} or
 * {@code $default}, and the function it invokes.
 *
 * @param method upper case, or {@code ANY}; null for $default
 * @param path the path template, or null for $default
 * @param function the function's logical id
 */
public record HttpApiRoute(String method, String path, String function) {
  public static final String DEFAULT = "$default";
  static final String ANY = "ANY";

  /** A route from a SAM HttpApi event's Method and Path; both absent make the $default route. */
  public static HttpApiRoute of(String method, String path, String function) {
    if (method == null && path == null || DEFAULT.equals(path)) {
      return new HttpApiRoute(null, null, function);
    }
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException(function + ": an HttpApi route path starts with /: " + path);
    }
    String m = method == null ? ANY : method.strip().toUpperCase(Locale.ROOT);
    if (m.equals("*") || m.equals("X-AMAZON-APIGATEWAY-ANY-METHOD")) {
      m = ANY;
    }
    List<String> segments = segments(path);
    for (int i = 0; i < segments.size(); i++) {
      String s = segments.get(i);
      if (s.endsWith("+}") && i != segments.size() - 1) {
        throw new IllegalArgumentException(function + ": a greedy path variable must be last: " + path);
      }
    }
    return new HttpApiRoute(m, path, function);
  }

  public boolean isDefault() {
    return path == null;
  }

  /** API Gateway's routeKey: {@code GET /tourists/{id}} or {@code $default}. */
  public String routeKey() {
    return isDefault() ? DEFAULT : method + " " + path;
  }

  boolean greedy() {
    return path != null && path.endsWith("+}");
  }

  /**
   * The path parameters when {@code rawPath} matches this route's template (method aside), else null. Throws
   * MalformedEscapeException for a parameter that cannot be decoded (the gateway refuses such paths first).
   */
  public Map<String, String> match(String rawPath) {
    if (isDefault()) {
      return Map.of();
    }
    List<String> template = segments(path);
    List<String> actual = segments(rawPath);
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < template.size(); i++) {
      String t = template.get(i);
      if (t.startsWith("{") && t.endsWith("+}")) {
        if (i >= actual.size()) {
          return null; // {proxy+} takes at least one segment
        }
        parameters.put(t.substring(1, t.length() - 2), decode(String.join("/", actual.subList(i, actual.size()))));
        return parameters;
      }
      if (i >= actual.size()) {
        return null;
      }
      String a = actual.get(i);
      if (t.startsWith("{") && t.endsWith("}")) {
        if (a.isEmpty()) {
          return null;
        }
        parameters.put(t.substring(1, t.length() - 1), decode(a));
      } else if (!t.equals(a)) {
        return null;
      }
    }
    return actual.size() == template.size() ? parameters : null;
  }

  /** Lower sorts first: literal paths before variables before greedy ones, a named method before ANY. */
  int[] precedence() {
    if (isDefault()) {
      return new int[] {3, 0, 0, 0};
    }
    List<String> template = segments(path);
    int variables = (int) template.stream().filter(s -> s.startsWith("{")).count();
    return new int[] {greedy() ? 1 : 0, variables, -template.size(), method.equals(ANY) ? 1 : 0};
  }

  private static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    for (String s : path.split("/", -1)) {
      segments.add(s);
    }
    segments.removeFirst(); // before the leading slash
    if (segments.size() > 1 && segments.getLast().isEmpty()) {
      segments.removeLast(); // a trailing slash
    }
    return segments;
  }

  private static String decode(String raw) {
    return PercentDecoding.pathSegment(raw);
  }
}
