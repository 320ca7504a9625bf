package dev.lambdaloom.emulator;

/** How one invocation ended inside a container, before it is turned into what the caller sees. */
sealed interface RuntimeOutcome {
  /** The runtime posted /response. */
  record Response(byte[] body) implements RuntimeOutcome {}

  /** The runtime posted /error: {@code errorType} from the Lambda-Runtime-Function-Error-Type header. */
  record FunctionError(String errorType, byte[] body) implements RuntimeOutcome {}

  /** The runtime tried to post a response over the 6 MB limit. */
  record ResponseTooLarge(long bytes) implements RuntimeOutcome {}

  /** The function ran past its timeout; the container was killed. */
  record TimedOut() implements RuntimeOutcome {}

  /** The runtime process ended during the invocation. */
  record Exited(ExitStatus status) implements RuntimeOutcome {}

  /** The container died before the runtime took the event: run it elsewhere. */
  record NotDelivered() implements RuntimeOutcome {}
}
