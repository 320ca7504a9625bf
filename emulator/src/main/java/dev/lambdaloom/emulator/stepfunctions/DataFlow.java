package dev.lambdaloom.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A state's input and output processing, in the order Step Functions applies it: InputPath, Parameters, (the state's
 * work), ResultSelector, ResultPath, OutputPath. Fields a state type does not take are left at their defaults.
 *
 * @param parameters null when not given
 * @param resultSelector null when not given
 */
record DataFlow(PathField inputPath, PayloadTemplate parameters, PayloadTemplate resultSelector, PathField resultPath,
    PathField outputPath) {
  static final DataFlow DEFAULT = new DataFlow(PathField.WHOLE, null, null, PathField.WHOLE, PathField.WHOLE);

  /** The state's effective input: InputPath, then Parameters. */
  JsonNode effectiveInput(JsonNode rawInput, JsonNode context) throws StateFailure {
    JsonNode selected = select(inputPath, rawInput, context, "InputPath");
    return parameters == null ? selected : parameters.apply(selected, context);
  }

  /** The state's output: ResultSelector on the result, ResultPath into the raw input, then OutputPath. */
  JsonNode output(JsonNode rawInput, JsonNode result, JsonNode context) throws StateFailure {
    JsonNode selected = resultSelector == null ? result : resultSelector.apply(result, context);
    return select(outputPath, placed(rawInput, selected), context, "OutputPath");
  }

  /** ResultPath alone: where a Catch puts its error output, too. */
  JsonNode placed(JsonNode rawInput, JsonNode result) throws StateFailure {
    return resultPath.path() == null ? rawInput : resultPath.path().write(rawInput, result);
  }

  static JsonNode select(PathField field, JsonNode input, JsonNode context, String role) throws StateFailure {
    return field.path() == null ? JsonNodeFactory.instance.objectNode() : field.path().require(input, context, role);
  }
}
