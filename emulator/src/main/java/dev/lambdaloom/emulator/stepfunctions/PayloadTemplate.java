package dev.lambdaloom.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters, ResultSelector and ItemSelector: JSON written as is, except that a field whose name ends in {@code .$}
 * takes the value its path selects (from the input, or from the context object for {@code $$}) under the name without
 * {@code .$}. Read when the definition loads.
 */
sealed interface PayloadTemplate {
  record Literal(JsonNode value) implements PayloadTemplate {}

  record Selected(JsonPath path) implements PayloadTemplate {}

  record Fields(Map<String, PayloadTemplate> fields) implements PayloadTemplate {
    public Fields {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
  }

  record Items(List<PayloadTemplate> items) implements PayloadTemplate {
    public Items {
      items = List.copyOf(items);
    }
  }

  /** @param where the field's place, for the error a path that cannot be read raises */
  static PayloadTemplate parse(JsonNode node, String where) {
    if (node.isObject()) {
      Map<String, PayloadTemplate> fields = new LinkedHashMap<>();
      for (var entry : node.properties()) {
        String name = entry.getKey();
        if (name.endsWith(".$")) {
          String field = name.substring(0, name.length() - 2);
          if (!entry.getValue().isTextual()) {
            throw new DefinitionException(where + "." + name + ": a field ending in .$ takes a path, not "
                + entry.getValue());
          }
          String text = entry.getValue().asText();
          if (text.startsWith("States.")) {
            throw new DefinitionException(where + "." + name + ": intrinsic functions (" + text + ") are not"
                + " evaluated by the local interpreter; compute the value in a Task instead");
          }
          try {
            fields.put(field, new Selected(JsonPath.parse(text)));
          } catch (IllegalArgumentException e) {
            throw new DefinitionException(where + "." + name + ": " + e.getMessage(), e);
          }
        } else {
          fields.put(name, parse(entry.getValue(), where + "." + name));
        }
      }
      return new Fields(fields);
    }
    if (node.isArray()) {
      List<PayloadTemplate> items = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        items.add(parse(node.get(i), where + "[" + i + "]"));
      }
      return new Items(items);
    }
    return new Literal(node);
  }

  /** The JSON this template makes of {@code input} and {@code context}. */
  default JsonNode apply(JsonNode input, JsonNode context) throws StateFailure {
    return switch (this) {
      case Literal literal -> literal.value().deepCopy();
      case Selected selected -> selected.path().require(input, context, "JSONPath").deepCopy();
      case Fields object -> {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (var entry : object.fields().entrySet()) {
          out.set(entry.getKey(), entry.getValue().apply(input, context));
        }
        yield out;
      }
      case Items array -> {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (PayloadTemplate item : array.items()) {
          out.add(item.apply(input, context));
        }
        yield out;
      }
    };
  }
}
