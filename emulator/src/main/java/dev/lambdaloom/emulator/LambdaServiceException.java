package dev.lambdaloom.emulator;

/**
 * An invocation refused by the Lambda service itself, before any function code runs: the errors
 * of the Invoke API, with the HTTP status and type AWS uses for them.
 */
public final class LambdaServiceException extends RuntimeException {
  private final int httpStatus;
  private final String type;
  private final String reason;

  private LambdaServiceException(int httpStatus, String type, String message, String reason) {
    super(message);
    this.httpStatus = httpStatus;
    this.type = type;
    this.reason = reason;
  }

  static LambdaServiceException notFound(String functionArn) {
    return new LambdaServiceException(404, "ResourceNotFoundException", "Function not found: " + functionArn, null);
  }

  static LambdaServiceException throttled() {
    return new LambdaServiceException(429, "TooManyRequestsException", "Rate Exceeded.",
        "ReservedFunctionConcurrentInvocationLimitExceeded");
  }

  static LambdaServiceException requestTooLarge(long limit) {
    return new LambdaServiceException(413, "RequestEntityTooLargeException",
        "Request must be smaller than " + limit + " bytes for the InvokeFunction operation", null);
  }

  static LambdaServiceException invalidContent(String detail) {
    return new LambdaServiceException(400, "InvalidRequestContentException",
        "Could not parse request body into json: " + detail, null);
  }

  static LambdaServiceException invalidParameter(String detail) {
    return new LambdaServiceException(400, "InvalidParameterValueException", detail, null);
  }

  static LambdaServiceException serviceError(String detail) {
    return new LambdaServiceException(500, "ServiceException", detail, null);
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The x-amzn-ErrorType header: what the AWS SDK turns into an exception class. */
  public String type() {
    return type;
  }

  /** The Reason field of a throttle, or null. */
  public String reason() {
    return reason;
  }
}
