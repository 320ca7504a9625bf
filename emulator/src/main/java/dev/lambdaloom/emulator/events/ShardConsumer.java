package dev.lambdaloom.emulator.events;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one shard from its starting position (or just after its checkpoint) and deals its records to the shard's
 * lanes by partition key; records the mapping's filter drops are done at once. Runs on its own thread, starts the
 * lanes' threads and joins them before it ends.
 */
final class ShardConsumer implements Runnable {
  private final StreamMapping mapping;
  private final String shardId;
  private final ShardCheckpoint checkpoint;
  private final Duration idlePoll;
  private final Clock clock;

  ShardConsumer(StreamMapping mapping, String shardId, ShardCheckpoint checkpoint, Duration idlePoll, Clock clock) {
    this.mapping = mapping;
    this.shardId = shardId;
    this.checkpoint = checkpoint;
    this.idlePoll = idlePoll;
    this.clock = clock;
  }

  @Override
  public void run() {
    MappingSettings settings = mapping.config().settings();
    int lanesCount = settings.parallelizationFactor();
    List<Lane> lanes = new ArrayList<>(lanesCount);
    List<Thread> threads = new ArrayList<>(lanesCount);
    int capacity = Math.max(2 * settings.batchSize(), 1000);
    for (int i = 0; i < lanesCount; i++) {
      Lane lane = new Lane(mapping, shardId, capacity, clock);
      lanes.add(lane);
      threads.add(Thread.ofVirtual().name(mapping.config().functionName() + "-" + shardId + "-lane-" + i)
          .start(lane));
    }
    try {
      read(lanes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      mapping.log("reading " + shardId + " failed, the shard's mapping stops: " + e);
      mapping.lastResult("PROBLEM: reading the source failed: " + e.getMessage());
    } finally {
      mapping.awaitStop(threads);
    }
  }

  private void read(List<Lane> lanes) throws InterruptedException {
    ShardSource source = mapping.source();
    MappingSettings settings = mapping.config().settings();
    String resume = checkpoint.checkpoint();
    String iterator = resume != null ? source.iteratorAfter(shardId, resume)
        : source.iteratorAt(shardId, settings.startingPosition().orElseThrow(),
            settings.startingTimestamp().orElse(null));
    int limit = Math.max(settings.batchSize(), 100);
    while (!mapping.stopping() && iterator != null) {
      ShardSource.ShardPage page = source.read(shardId, iterator, limit);
      for (ShardRecord record : page.records()) {
        TrackedRecord tracked = new TrackedRecord(checkpoint.track(record.sequenceNumber()), record);
        if (!mapping.accepts(record)) {
          mapping.filteredOut(shardId, tracked);
          continue;
        }
        lanes.get(Math.floorMod(record.partitionKey().hashCode(), lanes.size())).put(tracked);
      }
      iterator = page.nextIterator();
      if (page.records().isEmpty()) {
        // Lambda polls an idle shard a few times a second; the wait ends early when the mapping closes.
        mapping.idle(idlePoll);
      }
    }
    if (iterator == null) {
      mapping.log(shardId + " is closed and read to its end");
      while (!mapping.stopping() && lanes.stream().anyMatch(l -> !l.idle())) {
        mapping.idle(idlePoll);
      }
    }
  }
}
