package dev.lambdaloom.emulator.events;

import dev.lambdaloom.emulator.events.filter.RecordFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * An SQS event source mapping, as Lambda runs one: pollers long-poll the queue, each gathers a batch (BatchSize,
 * within MaximumBatchingWindowInSeconds, never over the 6 MB of an invocation), invokes the function synchronously
 * and deletes the messages that succeeded: all on success, all but the reported ones with ReportBatchItemFailures,
 * none when the function fails (the queue delivers them again after its visibility timeout, and its RedrivePolicy
 * moves them to the dead-letter queue after maxReceiveCount receives: the SQS server's job). Messages no FilterCriteria
 * pattern matches are deleted without an invocation.
 *
 * <p>Pollers: ScalingConfig's MaximumConcurrency, else the five Lambda starts with; each holds one batch at a time, so
 * they bound the concurrent invocations. A FIFO queue hands out no message of a group with messages in flight, so a
 * group's batches run one after another in order, retries included. FIFO mappings take a BatchSize of at most 10.
 *
 * <p>Threads: one virtual thread per poller, started by {@link #start()} and joined by {@link #close()}, which lets a
 * batch in flight finish (within the function's timeout) and waits at most {@link #RECEIVE_WAIT} for an idle poll.
 */
public final class SqsMapping implements EventSourceMapping {
  /** The pollers Lambda starts with for a standard queue. */
  static final int DEFAULT_POLLERS = 5;
  /** Lambda's largest batch from a FIFO queue. */
  static final int MAX_FIFO_BATCH = 10;
  /**
   * An idle poller's long poll. Lambda waits 20 s; locally a shorter one keeps close() quick, at the cost of one empty
   * request per poller each time it passes.
   */
  static final Duration RECEIVE_WAIT = Duration.ofSeconds(2);

  private final MappingConfig config;
  private final FunctionInvoker invoker;
  private final SqsEndpoint endpoint;
  private final QueueTally tally = new QueueTally();
  private final CountDownLatch closing = new CountDownLatch(1);
  // Guarded by this: the client, the queue and the pollers' threads, set by start and read by close and status.
  private SqsClient client;
  private SqsQueue queue;
  private final List<Thread> pollers = new ArrayList<>();
  private boolean started;
  private boolean closed;

  /**
   * @throws IllegalArgumentException for a mapping that is not SQS, or a FIFO queue's BatchSize over 10
   */
  public SqsMapping(MappingConfig config, FunctionInvoker invoker, SqsEndpoint endpoint) {
    this.config = Objects.requireNonNull(config, "config");
    this.invoker = Objects.requireNonNull(invoker, "invoker");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    if (config.kind() != SourceKind.SQS) {
      throw new IllegalArgumentException("mapping " + config.eventName() + " reads " + config.kind().samType()
          + ", not SQS");
    }
    if (isFifo() && config.settings().batchSize() > MAX_FIFO_BATCH) {
      throw new IllegalArgumentException(config.functionName() + ".Events." + config.eventName() + ".BatchSize: "
          + config.settings().batchSize() + " is out of range for the FIFO queue " + config.sourceName()
          + " (1 to " + MAX_FIFO_BATCH + ")");
    }
  }

  @Override
  public MappingConfig config() {
    return config;
  }

  /**
   * Finds the queue (GetQueueUrl by the name in the ARN) and starts the pollers; a disabled mapping starts none.
   *
   * @throws IllegalStateException when the queue does not exist on the endpoint, or it cannot be reached
   */
  @Override
  public synchronized void start() {
    if (started || closed) {
      throw new IllegalStateException("mapping " + config.uuid() + " was started already");
    }
    started = true;
    if (!config.settings().enabled()) {
      return;
    }
    client = endpoint.newClient();
    String url;
    try {
      url = client.getQueueUrl(q -> q.queueName(config.sourceName())).queueUrl();
    } catch (QueueDoesNotExistException e) {
      client.close();
      throw new IllegalStateException(config.functionName() + ".Events." + config.eventName() + ": the queue "
          + config.sourceName() + " does not exist on " + endpoint.url() + "; create it before the mapping starts", e);
    } catch (SdkException e) {
      client.close();
      throw new IllegalStateException(config.functionName() + ".Events." + config.eventName() + ": cannot reach SQS at "
          + endpoint.url() + ": " + e.getMessage(), e);
    }
    queue = new SqsQueue(client, url);
    tally.modified();
    SqsPoller.Context context = new SqsPoller.Context(config, queue, new SqsRecords(config.eventSourceArn(),
        endpoint.region()), RecordFilter.of(config.settings().filterPatterns()), invoker, tally, RECEIVE_WAIT, closing);
    int count = config.settings().maximumConcurrency().orElse(DEFAULT_POLLERS);
    for (int i = 0; i < count; i++) {
      pollers.add(Thread.ofVirtual().name("sqs-" + config.sourceName() + "-poller-" + i).start(new SqsPoller(context)));
    }
  }

  /**
   * The queue's depth as positions {@code {"queue": visible messages}} and lag (visible and in flight), -1 when the
   * queue cannot be read.
   */
  @Override
  public MappingStatus status() {
    SqsQueue current;
    boolean enabled;
    synchronized (this) {
      current = closed ? null : queue;
      enabled = config.settings().enabled() && !closed;
    }
    Map<String, String> positions = Map.of();
    long lag = -1;
    if (current != null) {
      try {
        SqsQueue.Depth depth = current.depth();
        positions = Map.of("queue", String.valueOf(depth.visible()));
        lag = depth.visible() + depth.inFlight();
      } catch (SdkException unreadable) {
        // lag unknown
      }
    }
    return new MappingStatus(enabled ? MappingState.ENABLED : MappingState.DISABLED, tally.lastResult(),
        tally.lastModified(), positions, lag, tally.counters());
  }

  /** Stops polling, lets each batch in flight finish (deleting what succeeded), joins every poller. */
  @Override
  public void close() {
    List<Thread> threads;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      threads = List.copyOf(pollers);
    }
    closing.countDown();
    ThreadJoin.all(threads);
    synchronized (this) {
      if (client != null) {
        client.close();
      }
      tally.modified();
    }
  }

  private boolean isFifo() {
    return config.sourceName().endsWith(".fifo");
  }
}
