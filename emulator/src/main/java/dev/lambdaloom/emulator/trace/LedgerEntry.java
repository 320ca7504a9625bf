package dev.lambdaloom.emulator.trace;

import dev.lambdaloom.emulator.EndStatus;
import dev.lambdaloom.emulator.events.InvocationCause;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One invocation the emulator ran, as the {@link InvocationLedger} keeps it. Both instants are read from the
 * emulator's one clock, so their order across functions means what it says.
 *
 * @param sequence the ledger's running number: the order in which invocations ended
 * @param requestId the request id (retries of an Event invocation share it)
 * @param function the function's name
 * @param cause why it ran
 * @param trace its trace root, its own segment id and its caller's
 * @param start when the emulator took it (before a cold start, if there was one)
 * @param end when its outcome was known
 * @param cold whether it started a container
 * @param initDuration the Init Duration of that container, when the REPORT line has one
 * @param status how it ended
 * @param errorType the error type of a failed invocation, empty when it succeeded
 */
public record LedgerEntry(long sequence, String requestId, String function, InvocationCause cause, TraceContext trace,
    Instant start, Instant end, boolean cold, Optional<Duration> initDuration, EndStatus status,
    Optional<String> errorType) {
  public LedgerEntry {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(trace, "trace");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("an invocation ends after it starts: " + start + " > " + end);
    }
  }

  /** The same entry under another running number. */
  LedgerEntry numbered(long newSequence) {
    return new LedgerEntry(newSequence, requestId, function, cause, trace, start, end, cold, initDuration, status,
        errorType);
  }
}
