package dev.lambdaloom.functions.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock one millisecond further on each time it is read: the order of reads shows in the instants. */
final class TickingClock extends Clock {
  private final Instant start;
  private final AtomicLong ticks = new AtomicLong();

  TickingClock(Instant start) {
    this.start = start;
  }

  @Override
  public Instant instant() {
    return start.plusMillis(ticks.incrementAndGet());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }
}
