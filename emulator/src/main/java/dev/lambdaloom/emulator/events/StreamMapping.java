package dev.lambdaloom.emulator.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdaloom.emulator.LogSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A DynamoDB Streams or Kinesis event source mapping: one reader per shard, ParallelizationFactor lanes per shard,
 * each shard's checkpoint, the failure destination. See {@link StreamBatchRun} for what happens to a batch.
 * Thread-safe; {@link #close()} stops reading, lets each batch in flight end (with its retries) and joins every
 * thread.
 */
public final class StreamMapping implements EventSourceMapping {
  /** How long a reader waits before reading an idle shard again (Lambda reads each shard a few times a second). */
  public static final Duration DEFAULT_IDLE_POLL = Duration.ofMillis(250);
  /** How often the mapping looks for new shards. */
  private static final Duration SHARD_DISCOVERY = Duration.ofSeconds(5);

  private final MappingConfig config;
  private final ShardSource source;
  private final FunctionInvoker invoker;
  private final Optional<FailureDestination> destination;
  private final Predicate<ShardRecord> filter;
  private final LogSink log;
  private final String functionArn;
  private final Duration idlePoll;
  private final Clock clock;
  private final MappingObserver observer;
  private final MappingTally tally = new MappingTally();
  private final ConcurrentMap<String, ShardCheckpoint> checkpoints = new ConcurrentHashMap<>();
  /** Counted down once, by close(): every wait of the mapping's threads ends early on it. */
  private final CountDownLatch stop = new CountDownLatch(1);
  /** The discovery thread and one reader per shard; guarded by {@code this}. */
  private final List<Thread> threads = new ArrayList<>();
  private volatile MappingState state = MappingState.CREATING;
  private volatile String lastResult = "No records processed";
  private volatile Instant lastModified;

  /**
   * @param filter true for the records FilterCriteria lets through
   * @param log where the mapping's own lines go (under the function's name, as Lambda shows them in the function's
   *     metrics rather than its log)
   */
  public StreamMapping(MappingConfig config, ShardSource source, FunctionInvoker invoker,
      Optional<FailureDestination> destination, Predicate<ShardRecord> filter, LogSink log, String functionArn,
      Duration idlePoll, Clock clock) {
    this(config, source, invoker, destination, filter, log, functionArn, idlePoll, clock, MappingObserver.NONE);
  }

  /** @param observer told of each invocation and of records done */
  public StreamMapping(MappingConfig config, ShardSource source, FunctionInvoker invoker,
      Optional<FailureDestination> destination, Predicate<ShardRecord> filter, LogSink log, String functionArn,
      Duration idlePoll, Clock clock, MappingObserver observer) {
    if (!config.kind().isStream()) {
      throw new IllegalArgumentException(config.kind() + " is not a stream source");
    }
    this.config = config;
    this.source = source;
    this.invoker = invoker;
    this.destination = destination;
    this.filter = filter;
    this.log = log;
    this.functionArn = functionArn;
    this.idlePoll = idlePoll;
    this.clock = clock;
    this.observer = observer;
    this.lastModified = clock.instant();
  }

  @Override
  public MappingConfig config() {
    return config;
  }

  @Override
  public synchronized void start() {
    if (state != MappingState.CREATING) {
      throw new IllegalStateException("mapping " + config.uuid() + " was started already");
    }
    lastModified = clock.instant();
    if (!config.settings().enabled()) {
      state = MappingState.DISABLED;
      return;
    }
    state = MappingState.ENABLED;
    threads.add(Thread.ofVirtual().name(config.functionName() + "-" + config.eventName() + "-shards")
        .start(this::discoverShards));
  }

  private void discoverShards() {
    try {
      while (!stopping()) {
        for (String shardId : source.shardIds()) {
          if (checkpoints.containsKey(shardId)) {
            continue;
          }
          ShardCheckpoint checkpoint = new ShardCheckpoint(null);
          checkpoints.put(shardId, checkpoint);
          synchronized (this) {
            if (stopping()) {
              return;
            }
            threads.add(Thread.ofVirtual().name(config.functionName() + "-" + shardId)
                .start(new ShardConsumer(this, shardId, checkpoint, idlePoll, clock)));
          }
        }
        idle(SHARD_DISCOVERY);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log("listing the shards of " + config.eventSourceArn() + " failed, the mapping reads no new shard: " + e);
      lastResult("PROBLEM: listing the shards failed: " + e.getMessage());
    }
  }

  @Override
  public MappingStatus status() {
    Map<String, String> positions = new LinkedHashMap<>();
    long lag = 0;
    for (Map.Entry<String, ShardCheckpoint> entry : new java.util.TreeMap<>(checkpoints).entrySet()) {
      String checkpoint = entry.getValue().checkpoint();
      positions.put(entry.getKey(), checkpoint == null ? "" : checkpoint);
      lag += entry.getValue().pending();
    }
    return new MappingStatus(state, lastResult, lastModified, positions, lag, tally.snapshot());
  }

  @Override
  public void close() {
    List<Thread> toJoin;
    synchronized (this) {
      if (state == MappingState.ENABLED) {
        state = MappingState.DELETING;
      }
      stop.countDown();
      toJoin = List.copyOf(threads);
    }
    awaitStop(toJoin);
    synchronized (this) {
      state = MappingState.DISABLED;
      lastModified = clock.instant();
    }
  }

  boolean stopping() {
    return stop.getCount() == 0;
  }

  /** Waits {@code duration}, or less when the mapping closes. */
  void idle(Duration duration) throws InterruptedException {
    stop.await(duration.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Joins {@code toJoin}; they end once the mapping is closing, after the batch each is running. */
  void awaitStop(List<Thread> toJoin) {
    ThreadJoin.all(toJoin);
  }

  ShardSource source() {
    return source;
  }

  FunctionInvoker invoker() {
    return invoker;
  }

  MappingTally tally() {
    return tally;
  }

  boolean accepts(ShardRecord record) {
    return filter.test(record);
  }

  void lastResult(String result) {
    lastResult = result;
  }

  MappingObserver observer() {
    return observer;
  }

  void done(String shardId, List<TrackedRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    ShardCheckpoint checkpoint = checkpoints.get(shardId);
    for (TrackedRecord record : records) {
      checkpoint.done(record.index());
    }
    tally.recordsDone.add(records.size());
    observer.done(shardId, records.stream().map(TrackedRecord::record).toList(), System.nanoTime());
  }

  /** Records the filter dropped: done without an invocation. */
  void filteredOut(String shardId, TrackedRecord record) {
    checkpoints.get(shardId).done(record.index());
    tally.recordsFilteredOut.increment();
    observer.done(shardId, List.of(record.record()), System.nanoTime());
  }

  void log(String line) {
    log.accept(config.functionName(), List.of("EVENT SOURCE MAPPING " + config.eventName() + " (" + config.uuid()
        + "): " + line));
  }

  /** Describes given-up records to the destination, or only counts them when there is none. */
  void giveUp(FailedBatch batch, ObjectNode payload) {
    if (destination.isEmpty()) {
      tally.recordsDiscarded.add(batch.records().size());
      log("gave up " + batch.records().size() + " records of " + batch.shardId() + " (" + batch.condition()
          + "), no OnFailure destination: they are skipped");
      return;
    }
    ObjectNode record = invocationRecord(batch);
    try {
      destination.get().send(batch, record, payload);
      tally.recordsToDestination.add(batch.records().size());
      log("gave up " + batch.records().size() + " records of " + batch.shardId() + " (" + batch.condition()
          + "), described to " + destination.get().arn());
    } catch (RuntimeException e) {
      // Lambda keeps the records (and retries the destination); here the records are skipped and the log says so.
      tally.recordsDiscarded.add(batch.records().size());
      log("gave up " + batch.records().size() + " records of " + batch.shardId() + " and could not describe them to "
          + destination.get().arn() + ": " + e);
    }
  }

  /** The invocation record Lambda sends to an on-failure destination for a stream batch. */
  ObjectNode invocationRecord(FailedBatch batch) {
    ObjectNode record = JsonNodeFactory.instance.objectNode();
    ObjectNode request = record.putObject("requestContext");
    request.put("requestId", batch.lastRequestId());
    request.put("functionArn", functionArn);
    request.put("condition", batch.condition().name());
    request.put("approximateInvokeCount", batch.invokeCount());
    ObjectNode response = record.putObject("responseContext");
    response.put("statusCode", 200);
    response.put("executedVersion", "$LATEST");
    response.put("functionError", batch.lastFunctionError());
    record.put("version", "1.0");
    record.put("timestamp", clock.instant().toString());
    ObjectNode info = record.putObject(config.kind() == SourceKind.KINESIS ? "KinesisBatchInfo" : "DDBStreamBatchInfo");
    info.put("shardId", batch.shardId());
    info.put("startSequenceNumber", batch.records().getFirst().sequenceNumber());
    info.put("endSequenceNumber", batch.records().getLast().sequenceNumber());
    info.put("approximateArrivalOfFirstRecord", batch.records().getFirst().arrival().toString());
    info.put("approximateArrivalOfLastRecord", batch.records().getLast().arrival().toString());
    info.put("batchSize", batch.records().size());
    info.put("streamArn", config.eventSourceArn());
    return record;
  }
}
