package dev.lambdaloom.core;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An instant on the {@link System#nanoTime()} clock by which work must be done. Immutable; safe to share between
 * threads. Build one per invocation with {@link #fromContext} and derive earlier ones with {@link #minus}.
 */
public final class Deadline implements Comparable<Deadline> {
  // Every deadline lies within this distance of the moment it was made, so the difference of two nanoTime values
  // never overflows (nanoTime values themselves may wrap).
  private static final long HORIZON_NANOS = Long.MAX_VALUE / 4; // about 73 years

  private final long nanoTime;

  private Deadline(long nanoTime) {
    this.nanoTime = nanoTime;
  }

  /**
   * The invocation's end minus {@code safetyMargin}, the time kept back to report partial results. Never earlier than
   * now: with less time left than the margin, the deadline has already expired.
   */
  public static Deadline fromContext(Context context, Duration safetyMargin) {
    Objects.requireNonNull(context, "context");
    requireNonNegative(safetyMargin, "safetyMargin");
    long now = System.nanoTime();
    long remaining = TimeUnit.MILLISECONDS.toNanos(context.getRemainingTimeInMillis()) - clampedNanos(safetyMargin);
    return new Deadline(now + Math.max(0, remaining));
  }

  /** Now plus {@code duration}; a negative duration gives an expired deadline. */
  public static Deadline after(Duration duration) {
    return new Deadline(System.nanoTime() + Math.max(0, clampedNanos(duration)));
  }

  /** A deadline that never comes (decades away). */
  public static Deadline none() {
    return new Deadline(System.nanoTime() + HORIZON_NANOS);
  }

  /** Time left, zero once expired. */
  public Duration remaining() {
    return Duration.ofNanos(remainingNanos());
  }

  /** Time left in nanoseconds, zero once expired: for the {@code (long, TimeUnit)} blocking methods. */
  public long remainingNanos() {
    return Math.max(0, nanoTime - System.nanoTime());
  }

  public boolean expired() {
    return nanoTime - System.nanoTime() <= 0;
  }

  /** Whichever of the two comes first. */
  public Deadline earlier(Deadline other) {
    return compareTo(other) <= 0 ? this : other;
  }

  /** This deadline moved {@code duration} earlier, e.g. a "stop dispatching" deadline ahead of the hard one. */
  public Deadline minus(Duration duration) {
    long now = System.nanoTime();
    long offset = nanoTime - now;
    long moved = Math.clamp(offset - clampedNanos(duration), -HORIZON_NANOS, HORIZON_NANOS);
    return new Deadline(now + moved);
  }

  /** Waits for {@code latch} until this deadline; true if the latch reached zero in time. */
  public boolean await(CountDownLatch latch) throws InterruptedException {
    return latch.await(remainingNanos(), TimeUnit.NANOSECONDS);
  }

  /** Sleeps for {@code duration} but never past this deadline. */
  public void sleep(Duration duration) throws InterruptedException {
    long nanos = Math.min(Math.max(0, clampedNanos(duration)), remainingNanos());
    if (nanos > 0) {
      TimeUnit.NANOSECONDS.sleep(nanos);
    }
  }

  @Override
  public int compareTo(Deadline other) {
    return Long.signum(nanoTime - other.nanoTime);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Deadline that && nanoTime == that.nanoTime;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(nanoTime);
  }

  @Override
  public String toString() {
    long left = nanoTime - System.nanoTime();
    return left > 0 ? "Deadline[in " + Duration.ofNanos(left) + "]" : "Deadline[expired]";
  }

  /** Nanoseconds of {@code duration}, clamped to the horizon instead of overflowing. */
  static long clampedNanos(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.getSeconds() > HORIZON_NANOS / 1_000_000_000L) return HORIZON_NANOS;
    if (duration.getSeconds() < -HORIZON_NANOS / 1_000_000_000L) return -HORIZON_NANOS;
    return duration.toNanos();
  }

  static void requireNonNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) throw new IllegalArgumentException(name + " < 0: " + duration);
  }
}
