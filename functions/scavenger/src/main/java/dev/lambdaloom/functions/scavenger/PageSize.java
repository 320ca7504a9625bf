package dev.lambdaloom.functions.scavenger;

import dev.lambdaloom.core.Deadline;

/**
 * How many items one Scan request reads (its Limit). A page is the unit of progress: its position is only saved once
 * it is read and decided, so a page still being read when reading has to stop is read again next time. With little
 * time (a 3 s timeout, a small CPU share, a busy table) big pages never finish and a loop of invocations never gets
 * anywhere.
 */
sealed interface PageSize {
  /** The fewest items a paced page reads: one batch of deletes. */
  int LEAST = 25;
  /** A paced page is meant to take at most this share of the reading time left. */
  int PAGES_IN_THE_TIME_LEFT = 4;

  /** The Limit for the next page of a segment, with {@code stopScanningAt} ahead. */
  int next(CostEstimate perItem, Deadline stopScanningAt);

  /** Set by the caller ({@code pageSize}, {@code PAGE_SIZE}): always this many, never changed. */
  record Fixed(int items) implements PageSize {
    public Fixed {
      if (items < 1) throw new IllegalArgumentException("a page holds at least one item: " + items);
    }

    @Override
    public int next(CostEstimate perItem, Deadline stopScanningAt) {
      return items;
    }
  }

  /**
   * Not set: as many items, up to {@code most}, as the measured cost per item read (which includes DynamoDB's time,
   * the network and this function's CPU share) allows in a quarter of the reading time left; at least {@link #LEAST}.
   */
  record Paced(int most) implements PageSize {
    public Paced {
      if (most < LEAST) throw new IllegalArgumentException("most < " + LEAST + ": " + most);
    }

    @Override
    public int next(CostEstimate perItem, Deadline stopScanningAt) {
      long budget = stopScanningAt.remainingNanos() / PAGES_IN_THE_TIME_LEFT;
      long items = budget / Math.max(1, perItem.high().toNanos());
      return (int) Math.clamp(items, LEAST, most);
    }
  }
}
