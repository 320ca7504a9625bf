package dev.lambdaloom.emulator;

/** The runtime cannot be started from the code as given: Lambda's Runtime.InvalidEntrypoint. */
final class InvalidEntrypointException extends RuntimeException {
  InvalidEntrypointException(String message) {
    super(message);
  }

  InvalidEntrypointException(String message, Throwable cause) {
    super(message, cause);
  }
}
