package dev.lambdaloom.functions.ingest;

import dev.lambdaloom.core.Deadline;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When one call stops: its running requests are cut at {@link #interruptAt()}, the invocation's end less the reserve
 * for publishing what the call holds by then, and no request starts later than the settle time before that, so the
 * requests running then can end by themselves. Both follow measurements: the writer thread updates the reserve as
 * the Parquet row group, the parts and the rejected records grow, and the settle time is the longest a document
 * took so far (at most one request timeout, and a quarter of the call). The fetching threads read them before each
 * request. Thread-safe.
 */
final class StopClock {
  private final Deadline end;
  private final long maxSettleNanos;
  private final AtomicLong longestFetchNanos = new AtomicLong();
  private volatile Duration reserve;

  /**
   * @param end when the invocation ends (Lambda's timeout)
   * @param maxSettle the longest running requests may go on once no new one starts
   * @param reserve the reserve before anything is buffered
   */
  StopClock(Deadline end, Duration maxSettle, Duration reserve) {
    this.end = end;
    this.maxSettleNanos = maxSettle.toNanos();
    this.reserve = reserve;
  }

  /**
   * A clock for an invocation ending at {@code end}: running requests get at most one request timeout to finish after
   * dispatch stops, and never more than a quarter of the time left, so a short call still mostly fetches.
   */
  static StopClock forCall(Deadline end, Duration requestTimeout, Duration reserve) {
    Duration quarter = end.remaining().dividedBy(4);
    return new StopClock(end, requestTimeout.compareTo(quarter) < 0 ? requestTimeout : quarter, reserve);
  }

  /** A document took this long to fetch (retries included) and parse. */
  void fetched(Duration took) {
    longestFetchNanos.accumulateAndGet(took.toNanos(), Math::max);
  }

  /** How long requests running when dispatch stops get to end: the longest so far, or the most before any ended. */
  Duration settle() {
    long longest = longestFetchNanos.get();
    return Duration.ofNanos(longest == 0 ? maxSettleNanos : Math.min(longest, maxSettleNanos));
  }

  /** The backlog changed: keep back this much for it. */
  void reserve(Duration value) {
    reserve = value;
  }

  Duration reserve() {
    return reserve;
  }

  /** When running requests are cut, for the backlog as it is now. */
  Deadline interruptAt() {
    return end.minus(reserve);
  }

  /** Whether it is too late to start a request. */
  boolean dispatchOver() {
    return end.minus(reserve.plus(settle())).expired();
  }

  /** Time left until the invocation's end. */
  Duration left() {
    return end.remaining();
  }
}
