package dev.lambdaloom.emulator;

/** How a container's init phase ended. */
sealed interface InitOutcome {
  /** The runtime asked for its first event after {@code durationNanos}. */
  record Ready(long durationNanos) implements InitOutcome {}

  /** The runtime posted /runtime/init/error. */
  record Failed(String errorType, byte[] body) implements InitOutcome {}

  /** The runtime process ended before asking for an event. */
  record Exited(ExitStatus status) implements InitOutcome {}

  /** Init took longer than it was allowed. */
  record TimedOut() implements InitOutcome {}
}
