package dev.lambdaloom.cli;

/** A failure worth one line to the user, without a stack trace (its cause, if any, is kept for whoever logs it). */
final class UserFacingException extends RuntimeException {
  UserFacingException(String message) {
    super(message);
  }

  UserFacingException(String message, Throwable cause) {
    super(message, cause);
  }
}
