package dev.lambdaloom.emulator.stepfunctions;

/** What a Task's Resource runs. */
sealed interface TaskTarget {
  /** The optimized Lambda integration: Parameters give FunctionName and Payload; the result wraps the response. */
  String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";

  /**
   * {@code arn:aws:states:::lambda:invoke}.
   *
   * @param function the function's name when FunctionName is written out, or null when it comes from a path
   */
  record LambdaInvoke(String function) implements TaskTarget {}

  /** A function's ARN as the Resource: the effective input is the event, the response is the result. */
  record FunctionArn(String function) implements TaskTarget {}

  /**
   * The function name in a FunctionName or Resource as Lambda's Invoke takes it: a name, or a full or partial ARN
   * ({@code arn:aws:lambda:us-east-1:123456789012:function:Name}, {@code 123456789012:function:Name}), its
   * {@code :qualifier} left off.
   */
  static String functionName(String reference) {
    int at = reference.indexOf(":function:");
    if (at < 0) {
      return reference.contains(":") ? reference.substring(0, reference.indexOf(':')) : reference;
    }
    String rest = reference.substring(at + ":function:".length());
    int qualifier = rest.indexOf(':');
    return qualifier < 0 ? rest : rest.substring(0, qualifier);
  }
}
