package dev.lambdaloom.emulator.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the user sets on top of the template, like {@code sam local}'s {@code --env-vars} and
 * {@code --parameter-overrides}.
 *
 * @param parameters template parameter values, over their Defaults
 * @param environment per function logical id, variables that override or add to the template's;
 *     the key {@code "*"} (or SAM's {@code "Parameters"}) applies to every function
 * @param region the AWS region functions see and ARNs carry
 * @param accountId the account id in ARNs
 */
public record TemplateOverrides(Map<String, String> parameters,
    Map<String, Map<String, String>> environment, String region, String accountId) {

  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_ACCOUNT_ID = "123456789012";

  public TemplateOverrides {
    parameters = Map.copyOf(parameters);
    environment = Map.copyOf(environment);
  }

  public static TemplateOverrides none() {
    return new TemplateOverrides(Map.of(), Map.of(), DEFAULT_REGION, DEFAULT_ACCOUNT_ID);
  }

  public TemplateOverrides withParameters(Map<String, String> values) {
    Map<String, String> merged = new LinkedHashMap<>(parameters);
    merged.putAll(values);
    return new TemplateOverrides(merged, environment, region, accountId);
  }

  public TemplateOverrides withEnvironment(String function, Map<String, String> variables) {
    Map<String, Map<String, String>> merged = new LinkedHashMap<>(environment);
    Map<String, String> forFunction = new LinkedHashMap<>(merged.getOrDefault(function, Map.of()));
    forFunction.putAll(variables);
    merged.put(function, forFunction);
    return new TemplateOverrides(parameters, merged, region, accountId);
  }

  public TemplateOverrides withRegion(String newRegion) {
    return new TemplateOverrides(parameters, environment, newRegion, accountId);
  }

  /**
   * Reads a SAM-style env-vars file: {@code {"MyFunction": {"VAR": "v"}, "Parameters": {"VAR": "v"}}},
   * where "Parameters" applies to every function.
   */
  public TemplateOverrides withEnvVarsFile(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new TemplateException("cannot read env-vars file " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new TemplateException(file + ": expected a JSON object of {FunctionName: {VAR: value}}");
    }
    TemplateOverrides result = this;
    for (var fn : root.properties()) {
      if (!fn.getValue().isObject()) {
        throw new TemplateException(file + ": '" + fn.getKey() + "' must map variable names to values");
      }
      Map<String, String> vars = new LinkedHashMap<>();
      fn.getValue().properties().forEach(v -> vars.put(v.getKey(), v.getValue().isValueNode()
          ? v.getValue().asText() : v.getValue().toString()));
      result = result.withEnvironment(fn.getKey().equals("Parameters") ? "*" : fn.getKey(), vars);
    }
    return result;
  }

  Map<String, String> environmentFor(String function) {
    Map<String, String> vars = new LinkedHashMap<>(environment.getOrDefault("*", Map.of()));
    vars.putAll(environment.getOrDefault(function, Map.of()));
    return vars;
  }
}
