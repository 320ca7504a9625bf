package dev.lambdaloom.emulator.events;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Reads one shard from its starting position (or just after its checkpoint) and deals its records to the shard's
 * lanes by partition key; records the mapping's filter drops are done at once. Runs on its own thread, starts the
 * lanes' threads and joins them before it ends.
 */
final class ShardConsumer implements Runnable {
  /** How long a reader waits after its source failed to answer. */
  private static final Duration RETRY_READ = Duration.ofSeconds(1);

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

  /** An iterator after {@code lastRead}, once the source answers again; waits between tries until closing. */
  private String freshIterator(ShardSource source, String lastRead) throws InterruptedException {
    MappingSettings settings = mapping.config().settings();
    while (true) {
      mapping.idle(RETRY_READ);
      if (mapping.stopping()) {
        return null;
      }
      try {
        return lastRead != null ? source.iteratorAfter(shardId, lastRead)
            : source.iteratorAt(shardId, settings.startingPosition().orElseThrow(),
                settings.startingTimestamp().orElse(null));
      } catch (SdkException e) {
        mapping.log("the source of " + shardId + " still does not answer: " + e.getMessage());
      }
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
    String lastRead = resume;
    while (!mapping.stopping() && iterator != null) {
      ShardSource.ShardPage page;
      try {
        page = source.read(shardId, iterator, limit);
      } catch (SdkException e) {
        // A source that failed to answer (or an iterator that expired): wait, then read on just after the last
        // record read (from the starting position when none was read yet), so that nothing is read twice.
        mapping.log("reading " + shardId + " failed, reading again shortly: " + e.getMessage());
        iterator = freshIterator(source, lastRead);
        continue;
      }
      for (ShardRecord record : page.records()) {
        lastRead = record.sequenceNumber();
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
    if (iterator == null && !mapping.stopping()) {
      mapping.log(shardId + " is closed and read to its end");
      while (!mapping.stopping() && lanes.stream().anyMatch(l -> !l.idle())) {
        mapping.idle(idlePoll);
      }
    }
  }
}
