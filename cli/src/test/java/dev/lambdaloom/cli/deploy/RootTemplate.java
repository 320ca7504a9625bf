package dev.lambdaloom.cli.deploy;

import dev.lambdaloom.emulator.template.SamTemplate;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's template.yaml as the deploy tests read it: as written, intrinsic functions unresolved. */
final class RootTemplate {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path FILE = ROOT.resolve("template.yaml");
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

  private final SamTemplate template = SamTemplate.load(FILE);

  SamTemplate loaded() {
    return template;
  }

  Map<String, Map<String, Object>> resources() {
    return template.resources();
  }

  /** The resources of {@code type}, by logical id. */
  Map<String, Map<String, Object>> ofType(String type) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    template.resources().forEach((id, resource) -> {
      if (type.equals(resource.get("Type"))) {
        out.put(id, resource);
      }
    });
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> properties(Map<String, Object> resource) {
    return resource.get("Properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
  }

  Set<String> parameters() {
    return template.parameterNames();
  }

  /**
   * The logical ids and parameter names {@code value} refers to through Ref, Fn::GetAtt and Fn::Sub, both branches of
   * Fn::If; pseudo parameters ({@code AWS::Region}...) left out.
   */
  static Set<String> references(Object value) {
    Set<String> out = new LinkedHashSet<>();
    collect(value, out);
    return out;
  }

  private static void collect(Object value, Set<String> out) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, inner) -> {
        switch (String.valueOf(key)) {
          case "Ref" -> add(String.valueOf(inner), out);
          case "Fn::GetAtt" -> add(String.valueOf(inner instanceof List<?> l ? l.getFirst() : inner).split("\\.")[0], out);
          case "Fn::Sub" -> {
            Object text = inner instanceof List<?> l ? l.getFirst() : inner;
            Matcher m = SUB_VARIABLE.matcher(String.valueOf(text));
            while (m.find()) {
              add(m.group(1).split("\\.")[0], out);
            }
            if (inner instanceof List<?> l && l.size() > 1) {
              collect(l.get(1), out);
            }
          }
          default -> collect(inner, out);
        }
      });
    } else if (value instanceof List<?> list) {
      list.forEach(item -> collect(item, out));
    }
  }

  private static void add(String name, Set<String> out) {
    if (!name.startsWith("AWS::")) {
      out.add(name);
    }
  }

  /**
   * The declared resources an ARN written out with pseudo parameters only names by their physical name or logical id
   * (a topic's {@code arn:...:sns:${AWS::Region}:${AWS::AccountId}:IngestRequests}, a state machine's own ARN,
   * which cannot be a GetAtt of the role's own state machine without a circular dependency), of the given types.
   */
  Set<String> namedInText(Object value, Set<String> types) {
    String text = String.valueOf(value instanceof Map<?, ?> m && m.containsKey("Fn::Sub") ? m.get("Fn::Sub") : value);
    Set<String> tokens = new java.util.HashSet<>(List.of(text.split("[-:/*${}]+")));
    Set<String> out = new LinkedHashSet<>();
    template.resources().forEach((id, resource) -> {
      if (types.isEmpty() || types.contains(String.valueOf(resource.get("Type")))) {
        if (tokens.contains(id) || properties(resource).values().stream().anyMatch(tokens::contains)) {
          out.add(id);
        }
      }
    });
    return out;
  }

  /** True for an Fn::If one of whose branches (or theirs) is AWS::NoValue: the value may be left out. */
  static boolean mayBeLeftOut(Object value) {
    if (value instanceof Map<?, ?> map && map.size() == 1 && map.get("Fn::If") instanceof List<?> args
        && args.size() == 3) {
      return args.subList(1, 3).stream().anyMatch(b -> isNoValue(b) || mayBeLeftOut(b));
    }
    return false;
  }

  private static boolean isNoValue(Object value) {
    return value instanceof Map<?, ?> m && "AWS::NoValue".equals(m.get("Ref"));
  }

  /** The branches {@code value} may take: both of an Fn::If (recursively), AWS::NoValue left out; else itself. */
  static List<Object> branches(Object value) {
    if (value instanceof Map<?, ?> map && map.size() == 1 && map.get("Fn::If") instanceof List<?> args
        && args.size() == 3) {
      List<Object> out = new java.util.ArrayList<>();
      for (Object branch : args.subList(1, 3)) {
        if (!isNoValue(branch)) {
          out.addAll(branches(branch));
        }
      }
      return out;
    }
    return List.of(value);
  }
}
