package dev.lambdaloom.emulator.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the intrinsic functions a function's properties use locally: Ref (parameters, pseudo
 * parameters, resources), Fn::Sub, Fn::Join, Fn::GetAtt (Arn, and StreamArn of a DynamoDB table), Fn::Select,
 * Fn::Split, Fn::Base64, and the template's Conditions with Fn::If, Fn::Equals, Fn::Not, Fn::And and Fn::Or. A
 * property or list item that resolves to {@code AWS::NoValue} is left out, as CloudFormation leaves it out; a Ref
 * to a CommaDelimitedList or {@code List<...>} parameter is a list. A
 * resource resolves to its physical name when the template gives one (TableName, BucketName...),
 * else to its logical id, which is what the local embedded services are created with. A name that refers back
 * to itself, directly or through other resources' names ({@code TableName: !Sub "${Table}-x"}), is a
 * TemplateException naming the cycle. One instance per template read; not thread-safe.
 */
final class Intrinsics {
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
  private static final Map<String, String> NAME_PROPERTY = Map.of(
      "AWS::DynamoDB::Table", "TableName",
      "AWS::Serverless::SimpleTable", "TableName",
      "AWS::S3::Bucket", "BucketName",
      "AWS::SNS::Topic", "TopicName",
      "AWS::SQS::Queue", "QueueName",
      "AWS::Kinesis::Stream", "Name",
      "AWS::Serverless::Function", "FunctionName",
      "AWS::Lambda::Function", "FunctionName");

  /** The stream label of every local table's Fn::GetAtt StreamArn, in the form of AWS's labels. */
  static final String LOCAL_STREAM_LABEL = "1970-01-01T00:00:00.000";

  /** What {@code Ref: AWS::NoValue} resolves to: a marker the enclosing map or list drops. */
  static final Object NO_VALUE = new Object() {
    @Override
    public String toString() {
      return "AWS::NoValue";
    }
  };

  private final Map<String, String> parameters;
  private final Set<String> listParameters;
  private final Map<String, Object> conditions;
  private final Map<String, Boolean> conditionValues = new HashMap<>();
  private final Set<String> evaluating = new LinkedHashSet<>();
  private final Map<String, Map<String, Object>> resources;
  private final String region;
  private final String accountId;
  /** The resources whose physical names are being resolved, outermost first: a cycle shows as a repeat. */
  private final SequencedSet<String> naming = new LinkedHashSet<>();

  Intrinsics(Map<String, String> parameters, Map<String, Map<String, Object>> resources,
      String region, String accountId) {
    this(parameters, Set.of(), Map.of(), resources, region, accountId);
  }

  /**
   * @param listParameters the parameters whose Ref is a list (CommaDelimitedList, List&lt;...&gt;)
   * @param conditions the template's Conditions section as written
   */
  Intrinsics(Map<String, String> parameters, Set<String> listParameters, Map<String, Object> conditions,
      Map<String, Map<String, Object>> resources, String region, String accountId) {
    this.parameters = parameters;
    this.listParameters = listParameters;
    this.conditions = conditions;
    this.resources = resources;
    this.region = region;
    this.accountId = accountId;
  }

  /** Returns {@code value} with every intrinsic function replaced by its local value. */
  Object resolve(Object value, String where) {
    if (value instanceof Map<?, ?> map) {
      if (map.size() == 1) {
        String key = String.valueOf(map.keySet().iterator().next());
        if (key.equals("Ref") || key.startsWith("Fn::")) {
          return intrinsic(key, map.get(key), where);
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> {
        Object resolved = resolve(v, where + "." + k);
        if (resolved != NO_VALUE) {
          out.put(String.valueOf(k), resolved);
        }
      });
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        Object resolved = resolve(list.get(i), where + "[" + i + "]");
        if (resolved != NO_VALUE) {
          out.add(resolved);
        }
      }
      return out;
    }
    return value;
  }

  String resolveString(Object value, String where) {
    Object resolved = resolve(value, where);
    if (resolved instanceof Map<?, ?> || resolved instanceof List<?>) {
      throw new TemplateException(where + ": expected a string, found " + resolved);
    }
    return resolved == null || resolved == NO_VALUE ? null : String.valueOf(resolved);
  }

  /** The value of the template's condition {@code name}; each is evaluated once. */
  boolean condition(String name, String where) {
    Boolean known = conditionValues.get(name);
    if (known != null) {
      return known;
    }
    if (!conditions.containsKey(name)) {
      throw new TemplateException(where + ": no condition '" + name + "' in the template's Conditions");
    }
    if (!evaluating.add(name)) {
      throw new TemplateException(where + ": conditions refer to each other in a circle: "
          + String.join(" -> ", evaluating) + " -> " + name);
    }
    try {
      boolean value = truth(conditions.get(name), "Conditions." + name);
      conditionValues.put(name, value);
      return value;
    } finally {
      evaluating.remove(name);
    }
  }

  /** A condition's body: a condition function, or {@code {Condition: Name}} inside Fn::And, Fn::Or and Fn::Not. */
  private boolean truth(Object definition, String where) {
    if (definition instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("Condition")) {
      return condition(String.valueOf(map.get("Condition")), where);
    }
    Object value = resolve(definition, where);
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String text && (text.equals("true") || text.equals("false"))) {
      return Boolean.parseBoolean(text);
    }
    throw new TemplateException(where + ": a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or"
        + " {Condition: Name}, found " + definition);
  }

  private List<?> arguments(Object argument, int min, int max, String function, String where) {
    if (!(argument instanceof List<?> list) || list.size() < min || list.size() > max) {
      throw new TemplateException(where + ": " + function + " takes a list of " + (min == max ? min : min + " to " + max)
          + " values, found " + argument);
    }
    return list;
  }

  private Object intrinsic(String name, Object argument, String where) {
    return switch (name) {
      case "Ref" -> ref(resolveString(argument, where), where);
      case "Fn::Sub" -> sub(argument, where);
      case "Fn::Join" -> join(argument, where);
      case "Fn::GetAtt" -> getAtt(argument, where);
      case "Fn::Select" -> select(argument, where);
      case "Fn::Split" -> split(argument, where);
      case "Fn::Base64" -> Base64.getEncoder().encodeToString(
          resolveString(argument, where).getBytes(StandardCharsets.UTF_8));
      case "Fn::If" -> {
        List<?> branches = arguments(argument, 3, 3, name, where);
        yield condition(resolveString(branches.get(0), where), where)
            ? resolve(branches.get(1), where + "[1]") : resolve(branches.get(2), where + "[2]");
      }
      case "Fn::Equals" -> {
        List<?> sides = arguments(argument, 2, 2, name, where);
        yield String.valueOf(resolve(sides.get(0), where)).equals(String.valueOf(resolve(sides.get(1), where)));
      }
      case "Fn::Not" -> !truth(arguments(argument, 1, 1, name, where).getFirst(), where);
      case "Fn::And" -> arguments(argument, 2, 10, name, where).stream().allMatch(c -> truth(c, where));
      case "Fn::Or" -> arguments(argument, 2, 10, name, where).stream().anyMatch(c -> truth(c, where));
      default -> throw new TemplateException(where + ": the emulator does not evaluate " + name
          + "; give the value directly or override it with --env-vars / --parameter-overrides");
    };
  }

  private Object ref(String name, String where) {
    if (name.equals("AWS::NoValue")) {
      return NO_VALUE;
    }
    String pseudo = pseudoParameter(name);
    if (pseudo != null) {
      return pseudo;
    }
    if (parameters.containsKey(name)) {
      String value = parameters.get(name);
      return listParameters.contains(name) ? List.of(value.split(",", -1)) : value;
    }
    Map<String, Object> resource = resources.get(name);
    if (resource != null) {
      return physicalName(name, resource, where);
    }
    throw new TemplateException(where + ": Ref to unknown parameter or resource '" + name + "'");
  }

  private String pseudoParameter(String name) {
    return switch (name) {
      case "AWS::Region" -> region;
      case "AWS::AccountId" -> accountId;
      case "AWS::Partition" -> "aws";
      case "AWS::URLSuffix" -> "amazonaws.com";
      case "AWS::StackName" -> "lambdaloom";
      case "AWS::StackId" -> "arn:aws:cloudformation:" + region + ":" + accountId
          + ":stack/lambdaloom/00000000-0000-0000-0000-000000000000";
      default -> null;
    };
  }

  private String physicalName(String logicalId, Map<String, Object> resource, String where) {
    String property = NAME_PROPERTY.get(String.valueOf(resource.get("Type")));
    if (property == null || !(resource.get("Properties") instanceof Map<?, ?> properties)
        || properties.get(property) == null) {
      return logicalId;
    }
    if (!naming.add(logicalId)) {
      List<String> chain = new ArrayList<>(naming);
      List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(logicalId), chain.size()));
      cycle.add(logicalId);
      throw new TemplateException(where + ": circular reference between resource names: " + String.join(" -> ", cycle)
          + " (each name refers to the next through Ref, Fn::Sub or Fn::GetAtt); give one of them a plain value");
    }
    try {
      return resolveString(properties.get(property), logicalId + ".Properties." + property);
    } finally {
      naming.removeLast();
    }
  }

  private String sub(Object argument, String where) {
    String template;
    Map<String, String> variables = new LinkedHashMap<>();
    if (argument instanceof List<?> list && list.size() == 2 && list.get(1) instanceof Map<?, ?> vars) {
      template = String.valueOf(list.get(0));
      vars.forEach((k, v) -> variables.put(String.valueOf(k), resolveString(v, where + "." + k)));
    } else {
      template = String.valueOf(argument);
    }
    Matcher m = SUB_VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String variable = m.group(1);
      String replacement;
      if (variable.startsWith("!")) {
        replacement = "${" + variable.substring(1) + "}";
      } else if (variables.containsKey(variable)) {
        replacement = variables.get(variable);
      } else if (variable.contains(".") && pseudoParameter(variable) == null) {
        int dot = variable.indexOf('.');
        replacement = getAtt(List.of(variable.substring(0, dot), variable.substring(dot + 1)), where);
      } else {
        Object value = ref(variable, where);
        if (!(value instanceof String text)) {
          throw new TemplateException(where + ": Fn::Sub of ${" + variable + "}, which is not a string");
        }
        replacement = text;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String join(Object argument, String where) {
    if (!(argument instanceof List<?> list) || list.size() != 2 || !(resolve(list.get(1), where) instanceof List<?> parts)) {
      throw new TemplateException(where + ": Fn::Join takes [delimiter, [values...]]");
    }
    String delimiter = String.valueOf(list.get(0));
    List<String> strings = new ArrayList<>();
    for (Object part : parts) {
      strings.add(String.valueOf(part));
    }
    return String.join(delimiter, strings);
  }

  private String getAtt(Object argument, String where) {
    if (!(argument instanceof List<?> list) || list.size() != 2) {
      throw new TemplateException(where + ": Fn::GetAtt takes [LogicalId, Attribute]");
    }
    String logicalId = String.valueOf(list.get(0));
    String attribute = resolveString(list.get(1), where);
    Map<String, Object> resource = resources.get(logicalId);
    if (resource == null) {
      throw new TemplateException(where + ": Fn::GetAtt of unknown resource '" + logicalId + "'");
    }
    String name = physicalName(logicalId, resource, where);
    String type = String.valueOf(resource.get("Type"));
    if (attribute.equals("StreamArn")
        && (type.equals("AWS::DynamoDB::Table") || type.equals("AWS::Serverless::SimpleTable"))) {
      // AWS labels a table's stream with the time it was enabled; a local table has one stream: a fixed label.
      return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + name + "/stream/" + LOCAL_STREAM_LABEL;
    }
    if (attribute.equals("QueueUrl") && type.equals("AWS::SQS::Queue")) {
      return "https://sqs." + region + ".amazonaws.com/" + accountId + "/" + name;
    }
    if (!attribute.equals("Arn")) {
      return name + "." + attribute;
    }
    return switch (type) {
      case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" ->
          "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + name;
      case "AWS::S3::Bucket" -> "arn:aws:s3:::" + name;
      case "AWS::SQS::Queue" -> "arn:aws:sqs:" + region + ":" + accountId + ":" + name;
      case "AWS::SNS::Topic" -> "arn:aws:sns:" + region + ":" + accountId + ":" + name;
      case "AWS::Kinesis::Stream" -> "arn:aws:kinesis:" + region + ":" + accountId + ":stream/" + name;
      case "AWS::Serverless::Function", "AWS::Lambda::Function" ->
          "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
      default -> "arn:aws:lambdaloom:" + region + ":" + accountId + ":" + name;
    };
  }

  private Object select(Object argument, String where) {
    if (!(argument instanceof List<?> list) || list.size() != 2
        || !(resolve(list.get(1), where) instanceof List<?> values)) {
      throw new TemplateException(where + ": Fn::Select takes [index, [values...]]");
    }
    String indexText = resolveString(list.get(0), where);
    int index;
    try {
      index = Integer.parseInt(indexText);
    } catch (NumberFormatException e) {
      throw new TemplateException(where + ": Fn::Select index '" + indexText + "' is not a whole number", e);
    }
    if (index < 0 || index >= values.size()) {
      throw new TemplateException(where + ": Fn::Select index " + index + " out of range");
    }
    return values.get(index);
  }

  private List<String> split(Object argument, String where) {
    if (!(argument instanceof List<?> list) || list.size() != 2) {
      throw new TemplateException(where + ": Fn::Split takes [delimiter, string]");
    }
    String delimiter = String.valueOf(list.get(0));
    return List.of(resolveString(list.get(1), where).split(Pattern.quote(delimiter), -1));
  }
}
