package dev.lambdaloom.emulator.events;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One of a shard's ParallelizationFactor lanes: the records whose partition key hashes to it, sent to the function in
 * batches one after another, so the records of one key stay in order while other lanes run other keys. A batch is
 * at most BatchSize records and {@link MappingSettings#MAX_BATCH_PAYLOAD_BYTES}; it goes out when full, when the
 * batching window has passed since its first record, or at once with a zero window and nothing more waiting. The queue
 * is bounded: a full lane holds up the shard's reader (back-pressure), never the heap.
 */
final class Lane implements Runnable {
  /** How often an idle lane looks whether its mapping is closing. */
  private static final long IDLE_CHECK_MILLIS = 100;
  /** Room in the payload for {"Records":[...]} and the commas between records. */
  private static final int ENVELOPE_BYTES = 64;

  private final StreamMapping mapping;
  private final String shardId;
  private final BlockingQueue<TrackedRecord> queue;
  private final Clock clock;
  /** A record taken from the queue that did not fit the last batch: the first of the next. Lane thread only. */
  private TrackedRecord carried;
  /** The lane's tumbling window, or null without TumblingWindowInSeconds. Lane thread only. */
  private final TumblingWindow window;

  Lane(StreamMapping mapping, String shardId, int capacity, Clock clock) {
    this.mapping = mapping;
    this.shardId = shardId;
    this.queue = new LinkedBlockingQueue<>(capacity);
    this.clock = clock;
    this.window = mapping.config().settings().tumblingWindow().map(TumblingWindow::new).orElse(null);
  }

  /** Hands a record to the lane, waiting while it is full. */
  void put(TrackedRecord record) throws InterruptedException {
    queue.put(record);
  }

  boolean idle() {
    return queue.isEmpty() && carried == null;
  }

  @Override
  public void run() {
    try {
      while (!mapping.stopping()) {
        List<TrackedRecord> batch = gather();
        StreamBatchRun run = new StreamBatchRun(mapping, shardId, clock, window);
        if (window != null && window.open() && (batch.isEmpty() ? !clock.instant().isBefore(window.end())
            : !window.windowOf(batch.getFirst().record().arrival()).equals(window.start()))) {
          run.finishWindow();
        }
        if (!batch.isEmpty()) {
          if (window != null) {
            window.openFor(batch.getFirst().record().arrival());
          }
          run.run(batch);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<TrackedRecord> gather() throws InterruptedException {
    TrackedRecord first = carried != null ? carried : queue.poll(IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    carried = null;
    if (first == null) {
      return List.of();
    }
    MappingSettings settings = mapping.config().settings();
    List<TrackedRecord> batch = new ArrayList<>();
    batch.add(first);
    long bytes = ENVELOPE_BYTES + first.record().sizeBytes();
    long windowEnd = System.nanoTime() + settings.batchingWindow().toNanos();
    while (batch.size() < settings.batchSize()) {
      long wait = windowEnd - System.nanoTime();
      TrackedRecord next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
      if (next == null) {
        break;
      }
      if (bytes + next.record().sizeBytes() + 1 > MappingSettings.MAX_BATCH_PAYLOAD_BYTES
          || window != null && !window.windowOf(next.record().arrival())
              .equals(window.windowOf(first.record().arrival()))) {
        carried = next;
        break;
      }
      batch.add(next);
      bytes += next.record().sizeBytes() + 1;
    }
    return batch;
  }
}
