package dev.lambdaloom.emulator.stepfunctions;

/**
 * An error raised while a state runs, by the name Retry and Catch match on ({@code States.Runtime}, a function's
 * errorType, {@code Lambda.TooManyRequestsException}...) and its cause. Checked, so that no path of the interpreter
 * forgets that a state can fail.
 */
final class StateFailure extends Exception {
  private final String error;
  private final String cause;

  StateFailure(String error, String cause) {
    super(error + ": " + cause);
    this.error = error;
    this.cause = cause == null ? "" : cause;
  }

  StateFailure(String error, String cause, Throwable origin) {
    super(error + ": " + cause, origin);
    this.error = error;
    this.cause = cause == null ? "" : cause;
  }

  static StateFailure runtime(String cause) {
    return new StateFailure(ErrorNames.RUNTIME, cause);
  }

  String error() {
    return error;
  }

  String errorCause() {
    return cause;
  }
}
