package dev.lambdaloom.readingformat;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out {@link LongScratch} buffers and takes them back. A pool rather than a ThreadLocal: callers run one
 * virtual thread per document, so a per-thread buffer would never be reused.
 */
final class ScratchPool {
  /** Buffers kept for reuse; a burst beyond it allocates and later drops the extras. Above Lambda's 6 vCPUs. */
  private static final int MAX_IDLE = 16;

  private final int maxValues;
  private final ConcurrentLinkedQueue<LongScratch> idle = new ConcurrentLinkedQueue<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private final AtomicInteger created = new AtomicInteger();
  private final AtomicLong growths = new AtomicLong();

  ScratchPool(int maxValues) {
    this.maxValues = maxValues;
  }

  LongScratch take() {
    LongScratch scratch = idle.poll();
    if (scratch != null) {
      idleCount.decrementAndGet();
      scratch.clear();
      return scratch;
    }
    created.incrementAndGet();
    return new LongScratch(maxValues, growths);
  }

  void give(LongScratch scratch) {
    if (idleCount.incrementAndGet() <= MAX_IDLE) {
      idle.offer(scratch);
    } else {
      idleCount.decrementAndGet();
    }
  }

  int created() {
    return created.get();
  }

  long growths() {
    return growths.get();
  }
}
