package dev.lambdaloom.emulator;

import java.time.Duration;

/**
 * How one invocation ended, as its caller and its REPORT line see it.
 *
 * @param payload the function's response, or Lambda's error document
 * @param errorType the error document's errorType when the invocation failed, else null
 * @param status whether the runtime answered or the platform ended the invocation
 */
record Ending(byte[] payload, String errorType, EndStatus status) {
  private static final String TIMED_OUT = "Sandbox.Timedout";

  /** What the caller sees of a runtime's outcome; {@code timeout} is the configured one, even after a slow init. */
  static Ending of(RuntimeOutcome outcome, String requestId, Duration timeout, int deliveryAttempts) {
    return switch (outcome) {
      case RuntimeOutcome.Response response -> new Ending(response.body(), null, EndStatus.ANSWERED);
      case RuntimeOutcome.FunctionError error -> new Ending(ErrorDocuments.fromRuntime(error.errorType(), error.body()),
          ErrorDocuments.errorType(error.errorType(), error.body()), EndStatus.ANSWERED);
      case RuntimeOutcome.ResponseTooLarge tooLarge -> new Ending(ErrorDocuments.responseTooLarge(),
          "Function.ResponseSizeTooLarge", EndStatus.ANSWERED);
      case RuntimeOutcome.TimedOut timedOut -> timedOut(requestId, timeout);
      case RuntimeOutcome.Exited exited -> new Ending(ErrorDocuments.exited(requestId, exited.status()),
          exited.status().errorType(), EndStatus.ERROR);
      case RuntimeOutcome.NotDelivered notDelivered -> new Ending(ErrorDocuments.of("ServiceException", "RequestId: "
          + requestId + " Error: the runtime went away before taking the event, " + deliveryAttempts + " times"),
          "ServiceException", EndStatus.ERROR);
    };
  }

  /** What the caller sees when the second init, inside the invocation, failed as well. */
  static Ending ofFailedInit(InitOutcome outcome, String requestId, Duration timeout) {
    return switch (outcome) {
      case InitOutcome.Failed failed -> new Ending(ErrorDocuments.fromRuntime(failed.errorType(), failed.body()),
          ErrorDocuments.errorType(failed.errorType(), failed.body()), EndStatus.ERROR);
      case InitOutcome.Exited exited -> new Ending(ErrorDocuments.exited(requestId, exited.status()),
          exited.status().errorType(), EndStatus.ERROR);
      case InitOutcome.TimedOut timedOut -> timedOut(requestId, timeout);
      case InitOutcome.Ready ready -> throw new IllegalArgumentException("a ready init is not a failure");
    };
  }

  /** The runtime cannot be started from the code as given. */
  static Ending invalidEntrypoint(String requestId, String detail) {
    return new Ending(ErrorDocuments.of("Runtime.InvalidEntrypoint", "RequestId: " + requestId + " Error: " + detail),
        "Runtime.InvalidEntrypoint", EndStatus.ERROR);
  }

  private static Ending timedOut(String requestId, Duration timeout) {
    return new Ending(ErrorDocuments.timedOut(requestId, timeout), TIMED_OUT, EndStatus.TIMEOUT);
  }

  boolean failed() {
    return errorType != null;
  }

  /** The REPORT line's Error Type: only when the platform ended the invocation with an error. */
  String reportedErrorType() {
    return status == EndStatus.ERROR ? errorType : null;
  }
}
