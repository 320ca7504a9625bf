package dev.lambdaloom.emulator.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${Name}} in every string of a state machine's definition with its DefinitionSubstitutions value, as
 * CloudFormation does before Step Functions reads the definition. A {@code ${Name}} with no entry is refused: left in
 * place it would reach the interpreter as a function name nobody declared.
 */
final class DefinitionSubstitutions {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private final Map<String, String> values;
  private final String where;

  DefinitionSubstitutions(Map<String, String> values, String where) {
    this.values = Map.copyOf(values);
    this.where = where;
  }

  Object apply(Object node, String path) {
    return switch (node) {
      case Map<?, ?> map -> {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), apply(v, path + "." + k)));
        yield out;
      }
      case List<?> list -> {
        List<Object> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
          out.add(apply(list.get(i), path + "[" + i + "]"));
        }
        yield out;
      }
      case String text -> substitute(text, path);
      case null, default -> node;
    };
  }

  private String substitute(String text, String path) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = values.get(name);
      if (value == null) {
        throw new TemplateException(where + ".Definition" + path + ": ${" + name + "} has no DefinitionSubstitutions"
            + " entry (declared: " + String.join(", ", values.keySet()) + "); add " + name + " to DefinitionSubstitutions");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
