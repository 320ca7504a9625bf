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
    this(httpStatus, type, message, reason, null);
  }

  private LambdaServiceException(int httpStatus, String type, String message, String reason, Throwable cause) {
    super(message, cause);
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

  /**
   * An Event call beyond the function's async queue bound. Lambda gives this throttle reason when calls to a function
   * come faster than its concurrency can take them, which is what a full queue means here.
   */
  static LambdaServiceException eventQueueFull(String function, int maxEvents, long maxBytes) {
    return new LambdaServiceException(429, "TooManyRequestsException", "Rate Exceeded. The event queue of "
        + function + " is full: at most " + maxEvents + " events or " + maxBytes
        + " bytes of payload wait or run at once; retry once some have run.",
        "ReservedFunctionInvocationRateLimitExceeded");
  }

  static LambdaServiceException shuttingDown(Throwable cause) {
    return new LambdaServiceException(503, "ServiceException", "the emulator is shutting down", null, cause);
  }

  static LambdaServiceException requestTooLarge(long limit) {
    return new LambdaServiceException(413, "RequestEntityTooLargeException",
        "Request must be smaller than " + limit + " bytes for the InvokeFunction operation", null);
  }

  static LambdaServiceException invalidContent(String detail) {
    return new LambdaServiceException(400, "InvalidRequestContentException",
        "Could not parse request body into json: " + detail, null);
  }

  /** A failure of the emulator itself, with what caused it. */
  public static LambdaServiceException serviceError(String detail, Throwable cause) {
    return new LambdaServiceException(500, "ServiceException", detail, null, cause);
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
