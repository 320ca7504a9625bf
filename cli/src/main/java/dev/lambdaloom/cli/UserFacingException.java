package dev.lambdaloom.cli;

/** A failure worth one line to the user, without a stack trace. */
final class UserFacingException extends RuntimeException {
  UserFacingException(String message) {
    super(message);
  }

  UserFacingException(String message, Throwable cause) {
    super(message, cause);
  }
}
