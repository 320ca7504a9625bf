package dev.lambdaloom.emulator.api;

/** An Invoke API refusal with its HTTP status and AWS error type (the x-amzn-ErrorType header). */
final class ApiError extends RuntimeException {
  final int status;
  final String type;

  ApiError(int status, String type, String message) {
    super(message);
    this.status = status;
    this.type = type;
  }

  ApiError(int status, String type, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.type = type;
  }
}
