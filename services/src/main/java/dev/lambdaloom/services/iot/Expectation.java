package dev.lambdaloom.services.iot;

/**
 * What the simulator does for one reading, fixed by the seed before any request: with a fault, the
 * first {@code failingAttempts} attempts fail with it; then {@code document} is served on every
 * attempt.
 *
 * @param fault the fault of the failing attempts; null when the reading never faults
 * @param failingAttempts 0 without a fault; {@link #FOREVER} when the fault never ends
 * @param document served once the faults are over (never, when they never are)
 */
public record Expectation(ReadingId id, Fault fault, int failingAttempts, Document document) {
  public static final int FOREVER = Integer.MAX_VALUE;

  public boolean faultsForever() {
    return failingAttempts == FOREVER;
  }

  /** True when a client that retries long enough gets a valid document. */
  public boolean eventuallyValid() {
    return !faultsForever() && document instanceof Document.Valid;
  }
}
