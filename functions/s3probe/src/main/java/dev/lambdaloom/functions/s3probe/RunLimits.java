package dev.lambdaloom.functions.s3probe;

import dev.lambdaloom.core.Deadline;
import java.time.Duration;

/**
 * When a run stops: after {@code stopStartingAt} no new GET starts; at {@code cutAt} the GETs still in flight are
 * cut (their objects count as not read) so the result is returned before Lambda's timeout.
 */
record RunLimits(int concurrency, Deadline stopStartingAt, Deadline cutAt) {
  /** The least time kept for ending the reads and returning the result. */
  static final Duration MIN_MARGIN = Duration.ofMillis(500);

  /**
   * Before {@code end} (the invocation's deadline): a margin of 5% of the time left, at least {@link #MIN_MARGIN},
   * between cutting and {@code end}, and the same again between the last start and the cut. The result is a small
   * map; what the margin covers is the cut reads' release and a collection at a small CPU share.
   *
   * <p>The platform-thread pool's cut comes earlier still, by the request timeout: an interrupt does not wake a
   * platform thread blocked in a socket read, only the socket timeout (the request timeout) does.
   */
  static RunLimits before(Deadline end, ProbeRequest request) {
    Duration margin = end.remaining().dividedBy(20);
    if (margin.compareTo(MIN_MARGIN) < 0) margin = MIN_MARGIN;
    Deadline cut = end.minus(margin);
    if (request.client() == ClientKind.PLATFORM_THREADS) cut = cut.minus(request.requestTimeout());
    return new RunLimits(request.concurrency(), cut.minus(margin), cut);
  }

  static RunLimits unbounded(int concurrency) {
    return new RunLimits(concurrency, Deadline.none(), Deadline.none());
  }
}
