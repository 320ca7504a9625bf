package dev.lambdaloom.emulator.events;

import dev.lambdaloom.emulator.InvokeResult;
import java.util.List;

/**
 * Watches a stream mapping's work, for benchmarks and tests: called on the lane's thread, so it must be quick and
 * thread-safe (lanes of all shards call it at once).
 */
public interface MappingObserver {
  MappingObserver NONE = new MappingObserver() {};

  /**
   * An invocation returned.
   *
   * @param gatheredNanos System.nanoTime() when its batch was complete (gathered, or the retry decided), before its
   *     payload was written out
   * @param invokedNanos when the invoke call started
   * @param returnedNanos when it returned
   */
  default void invoked(String shardId, int records, InvokeResult result, long gatheredNanos, long invokedNanos,
      long returnedNanos) {}

  /** Records reached the checkpoint's view as done (succeeded, given up or filtered out), at {@code doneNanos}. */
  default void done(String shardId, List<ShardRecord> records, long doneNanos) {}
}
