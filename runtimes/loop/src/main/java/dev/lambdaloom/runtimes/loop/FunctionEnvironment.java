package dev.lambdaloom.runtimes.loop;

import java.util.Map;

/**
 * What Lambda tells a runtime through its environment, read once at start.
 *
 * @param runtimeApi AWS_LAMBDA_RUNTIME_API, host:port
 * @param handler _HANDLER, {@code package.Class} or {@code package.Class::method}
 */
record FunctionEnvironment(String runtimeApi, String handler, String functionName, String functionVersion,
    String logGroupName, String logStreamName, int memoryMb) {

  static FunctionEnvironment of(Map<String, String> environment) {
    String memory = environment.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "");
    int memoryMb;
    try {
      memoryMb = Integer.parseInt(memory.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("AWS_LAMBDA_FUNCTION_MEMORY_SIZE must be a whole number of MB, got '"
          + memory + "'", e);
    }
    return new FunctionEnvironment(required(environment, "AWS_LAMBDA_RUNTIME_API"), required(environment, "_HANDLER"),
        environment.get("AWS_LAMBDA_FUNCTION_NAME"), environment.get("AWS_LAMBDA_FUNCTION_VERSION"),
        environment.get("AWS_LAMBDA_LOG_GROUP_NAME"), environment.get("AWS_LAMBDA_LOG_STREAM_NAME"), memoryMb);
  }

  private static String required(Map<String, String> environment, String name) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is not set: this runtime runs in Lambda or the Lambdaloom emulator");
    }
    return value;
  }
}
