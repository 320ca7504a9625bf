package dev.lambdaloom.emulator.api;

import dev.lambdaloom.emulator.PercentDecoding;
import java.util.regex.Pattern;

/**
 * Reads an Invoke API request's method and path into its {@link ApiOperation}, or refuses it the way Lambda does: a
 * function name Lambda would not accept is a 400 ValidationException, an escape that cannot be decoded a 400
 * InvalidParameterValueException, a path that is no operation a 404 UnknownOperationException, a wrong method a 405.
 */
final class InvokeApiPath {
  static final String FUNCTIONS = "/2015-03-31/functions";
  private static final String INVOCATIONS = "invocations";
  /** Lambda's FunctionName pattern for Invoke and GetFunction: a name, or a full or partial ARN, with a qualifier. */
  private static final String NAME_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?"
      + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
  private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
  private static final int MAX_NAME_LENGTH = 170;

  private InvokeApiPath() {}

  /** @param rawPath the request's path as sent, escapes kept */
  static ApiOperation parse(String method, String rawPath) {
    String rest = rawPath.substring(FUNCTIONS.length());
    if (rest.isEmpty() || rest.equals("/")) {
      requireMethod(method, "GET");
      return new ApiOperation.ListFunctions();
    }
    if (!rest.startsWith("/")) {
      throw unknown(method, rawPath);
    }
    String[] segments = rest.substring(1).split("/", -1);
    if (segments.length == 1) {
      if (method.equals("POST") && segments[0].equals(INVOCATIONS)) {
        throw invalidName("", "Member must have length greater than or equal to 1"); // the name is missing
      }
      requireMethod(method, "GET");
      return new ApiOperation.GetFunction(functionName(segments[0]));
    }
    if (segments.length == 2 && segments[1].equals(INVOCATIONS)) {
      requireMethod(method, "POST");
      return new ApiOperation.Invoke(functionName(segments[0]));
    }
    throw unknown(method, rawPath);
  }

  private static String functionName(String rawSegment) {
    String name;
    try {
      name = PercentDecoding.pathSegment(rawSegment);
    } catch (PercentDecoding.MalformedEscapeException e) {
      throw new ApiError(400, "InvalidParameterValueException", "The function name in the path cannot be decoded: "
          + e.getMessage(), e);
    }
    if (name.isEmpty()) {
      throw invalidName(name, "Member must have length greater than or equal to 1");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw invalidName(name, "Member must have length less than or equal to " + MAX_NAME_LENGTH);
    }
    if (!NAME.matcher(name).matches()) {
      throw invalidName(name, "Member must satisfy regular expression pattern: " + NAME_PATTERN);
    }
    return name;
  }

  /** Lambda's wording for a parameter outside its constraints. */
  private static ApiError invalidName(String name, String constraint) {
    return new ApiError(400, "ValidationException", "1 validation error detected: Value '" + name
        + "' at 'functionName' failed to satisfy constraint: " + constraint);
  }

  private static ApiError unknown(String method, String rawPath) {
    return new ApiError(404, "UnknownOperationException", "Unknown operation " + method + " " + rawPath);
  }

  private static void requireMethod(String actual, String expected) {
    if (!actual.equals(expected)) {
      throw new ApiError(405, "MethodNotAllowedException", actual + " is not allowed here; use " + expected);
    }
  }
}
