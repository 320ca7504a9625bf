package dev.lambdaloom.runtimes.al2023;

/** A build that cannot make a function's zip: the message names the function and the fix. */
final class CustomRuntimeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CustomRuntimeException(String message) {
    super(message);
  }
}
