package dev.lambdaloom.emulator.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the intrinsic functions a function's properties use locally: Ref (parameters, pseudo
 * parameters, resources), Fn::Sub, Fn::Join, Fn::GetAtt (Arn, and StreamArn of a DynamoDB table), Fn::Select,
 * Fn::Split, Fn::Base64. A
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

  private final Map<String, String> parameters;
  private final Map<String, Map<String, Object>> resources;
  private final String region;
  private final String accountId;
  /** The resources whose physical names are being resolved, outermost first: a cycle shows as a repeat. */
  private final SequencedSet<String> naming = new LinkedHashSet<>();

  Intrinsics(Map<String, String> parameters, Map<String, Map<String, Object>> resources,
      String region, String accountId) {
    this.parameters = parameters;
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
      map.forEach((k, v) -> out.put(String.valueOf(k), resolve(v, where + "." + k)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        out.add(resolve(list.get(i), where + "[" + i + "]"));
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
    return resolved == null ? null : String.valueOf(resolved);
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
      default -> throw new TemplateException(where + ": the emulator does not evaluate " + name
          + "; give the value directly or override it with --env-vars / --parameter-overrides");
    };
  }

  private String ref(String name, String where) {
    String pseudo = pseudoParameter(name);
    if (pseudo != null) {
      return pseudo;
    }
    if (parameters.containsKey(name)) {
      return parameters.get(name);
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
      case "AWS::NoValue" -> "";
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
        replacement = ref(variable, where);
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
