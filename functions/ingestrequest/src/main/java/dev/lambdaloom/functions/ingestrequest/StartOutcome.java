package dev.lambdaloom.functions.ingestrequest;

/** What a message did. */
sealed interface StartOutcome {
  /** It started a run: Lambda accepted the Event invocation with this request id. */
  record Started(String requestId) implements StartOutcome {}

  /** A delivery of it started its run before: nothing was invoked. */
  record AlreadyStarted() implements StartOutcome {}
}
