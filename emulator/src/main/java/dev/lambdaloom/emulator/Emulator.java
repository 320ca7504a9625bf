package dev.lambdaloom.emulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.Retrier;
import dev.lambdaloom.core.RetryClassifier;
import dev.lambdaloom.core.RetryDecision;
import dev.lambdaloom.core.RetryPolicy;
import dev.lambdaloom.emulator.events.InvocationCause;
import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.trace.InvocationLedger;
import dev.lambdaloom.emulator.trace.TraceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local Lambda service: runs the functions of a template in child processes with Lambda's
 * lifecycle and limits. Thread-safe; one per template. {@link #close()} stops every container.
 */
public final class Emulator implements AutoCloseable {
  /** Lambda's limits on an Invoke request's payload. */
  public static final long MAX_SYNC_PAYLOAD_BYTES = 6_291_456;
  public static final long MAX_ASYNC_PAYLOAD_BYTES = 1_048_576;
  /**
   * The bound of each function's Event queue: events accepted and not finished (waiting, running or between retries)
   * and their payloads' bytes; beyond either, an Event call is throttled (429). Lambda's queue holds what its fleet
   * can; here payloads wait on the emulator's heap, so a template's functions together hold at most their number
   * times 64 MiB, and never more than 1,000 events wait for one function (at 1 MB each, 64 do).
   */
  public static final int MAX_QUEUED_EVENTS_PER_FUNCTION = 1_000;
  public static final long MAX_QUEUED_BYTES_PER_FUNCTION = 64L * 1024 * 1024;

  private static final JsonFactory JSON = new JsonFactory();

  private final Map<String, FunctionHost> hosts = new LinkedHashMap<>();
  private final EmulatorSettings settings;
  private final Path workDirectory;
  private final Sandbox.Factory sandboxes;
  private final ScheduledExecutorService reaper;
  private final ExecutorService asyncQueue = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, AsyncEventQueue> eventQueues = new LinkedHashMap<>();
  /** Functions' AWS credentials and endpoints; local only, the guard that refuses calls meant for AWS. */
  private final FunctionAwsEnvironment aws;
  /** Every invocation run, with its cause and trace context, on the emulator's clock. */
  private final InvocationLedger ledger;

  public Emulator(Collection<FunctionConfig> functions, EmulatorSettings settings, LogSink sink) {
    this(functions, settings, sink, InvocationLedger.withDefaultCapacity());
  }

  /** @param ledger where each invocation is recorded (its bound and its clock are the emulator's) */
  public Emulator(Collection<FunctionConfig> functions, EmulatorSettings settings, LogSink sink,
      InvocationLedger ledger) {
    this.settings = settings;
    this.ledger = ledger;
    this.workDirectory = createWorkDirectory(settings.workParent());
    this.sandboxes = Sandbox.Factory.detect(settings.enforceLimits());
    this.aws = FunctionAwsEnvironment.open(settings.aws(), workDirectory.resolve("aws"), sink);
    try {
      LaunchPlans plans = new LaunchPlans(settings, workDirectory.resolve("runtime"), aws);
      CodeUnpacker unpacker = new CodeUnpacker(workDirectory.resolve("code"));
      FunctionHost.Environment environment =
          new FunctionHost.Environment(settings, workDirectory, plans, unpacker, sandboxes, sink, ledger);
      for (FunctionConfig function : functions) {
        hosts.put(function.name(), new FunctionHost(function, environment));
        eventQueues.put(function.name(), new AsyncEventQueue(function.name(),
            new AsyncEventQueue.Bounds(MAX_QUEUED_EVENTS_PER_FUNCTION, MAX_QUEUED_BYTES_PER_FUNCTION), asyncQueue));
      }
    } catch (RuntimeException e) {
      aws.close(); // its server would outlive an emulator nobody can close
      sandboxes.close();
      CodeUnpacker.deleteTree(workDirectory);
      throw e;
    }
    this.reaper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lambdaloom-reaper").factory());
    long everyMillis = Math.max(100, Math.min(1000, settings.idleTimeout().toMillis() / 2));
    reaper.scheduleWithFixedDelay(() -> hosts.values().forEach(FunctionHost::reapIdle),
        everyMillis, everyMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * A new folder only this user can enter (0700 where the file system has POSIX permissions), never a guessable
   * name that another user could have created first to read or plant files in.
   */
  private static Path createWorkDirectory(Path parent) {
    try {
      Files.createDirectories(parent);
      return Files.createTempDirectory(parent, "lambdaloom-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the emulator's work folder in " + parent, e);
    }
  }

  public static Emulator start(SamTemplate template, EmulatorSettings settings, LogSink sink) {
    return new Emulator(template.functions().values(), settings, sink);
  }

  public EmulatorSettings settings() {
    return settings;
  }

  /** The functions it serves, in template order. */
  public List<FunctionConfig> functions() {
    return hosts.values().stream().map(FunctionHost::config).toList();
  }

  /** How Lambda's memory cap and CPU share are applied on this machine, in words. */
  public String limitsDescription() {
    return sandboxes.describe();
  }

  /**
   * Resolves a function name as the Invoke API accepts it: a name, a full or partial ARN, with an
   * optional {@code $LATEST} qualifier. Throws ResourceNotFoundException for anything else.
   */
  public FunctionConfig function(String nameOrArn) {
    return host(nameOrArn).config();
  }

  /** Invokes synchronously (RequestResponse), as a {@link InvocationCause.Direct} call. */
  public InvokeResult invoke(String function, byte[] payload) throws InterruptedException {
    return invoke(function, payload, new InvocationCause.Direct(), null);
  }

  /** @param clientContext the decoded ClientContext JSON, or null */
  public InvokeResult invoke(String function, byte[] payload, String clientContext) throws InterruptedException {
    return invoke(function, payload, new InvocationCause.Direct(), clientContext);
  }

  /** Invokes synchronously for {@code cause}, which the invocation ledger keeps. */
  public InvokeResult invoke(String function, byte[] payload, InvocationCause cause) throws InterruptedException {
    return invoke(function, payload, cause, null);
  }

  /**
   * Invokes synchronously (RequestResponse); throttles, like Lambda, when the function is at its limit.
   *
   * @param cause why: recorded in the ledger; an Invoke API call's trace header sets the invocation's trace
   * @param clientContext the decoded ClientContext JSON, or null
   */
  public InvokeResult invoke(String function, byte[] payload, InvocationCause cause, String clientContext)
      throws InterruptedException {
    FunctionHost host = host(function);
    byte[] event = checkedPayload(payload, MAX_SYNC_PAYLOAD_BYTES);
    return host.invoke(invocation(host, event, cause, clientContext), false);
  }

  /** Queues an Event invocation as a {@link InvocationCause.Direct} call; see {@link #invokeAsync(String, byte[], InvocationCause)}. */
  public String invokeAsync(String function, byte[] payload) {
    return invokeAsync(function, payload, new InvocationCause.Direct());
  }

  /**
   * Queues an Event invocation and returns its request id at once. Like Lambda's async queue, it
   * waits for capacity instead of throttling and retries a failed run up to the function's
   * MaximumRetryAttempts, with backoff from {@code asyncRetryDelay}; each retry is recorded with an
   * {@link InvocationCause.AsyncRetry} cause. A full queue (see {@link #MAX_QUEUED_BYTES_PER_FUNCTION}) throttles:
   * TooManyRequestsException, the payload not kept.
   */
  public String invokeAsync(String function, byte[] payload, InvocationCause cause) {
    FunctionHost host = host(function);
    long size = payload == null ? 0 : payload.length;
    if (size > MAX_ASYNC_PAYLOAD_BYTES) {
      throw LambdaServiceException.requestTooLarge(MAX_ASYNC_PAYLOAD_BYTES); // too large, whether or not there is room
    }
    return eventQueues.get(host.config().name()).submit(size,
        () -> invocation(host, checkedPayload(payload, MAX_ASYNC_PAYLOAD_BYTES), cause, null),
        queued -> runQueued(host, queued)).requestId();
  }

  /** What the emulator ran so far, within the ledger's bound. */
  public InvocationLedger ledger() {
    return ledger;
  }

  /** Event invocations of the function accepted and not finished: waiting, running or between retries. */
  public int queuedEvents(String function) {
    return eventQueues.get(host(function).config().name()).held().events();
  }

  /** The bytes of their payloads, which the emulator holds until each has run. */
  public long queuedEventBytes(String function) {
    return eventQueues.get(host(function).config().name()).held().bytes();
  }

  private void runQueued(FunctionHost host, Invocation invocation) {
    Duration delay = settings.asyncRetryDelay();
    Retrier retrier = Retrier.builder()
        .policy(new RetryPolicy(1 + host.config().maximumRetryAttempts(), delay, delay.multipliedBy(4)))
        .retryOn(RetryClassifier.never())
        .build();
    AtomicInteger attempt = new AtomicInteger();
    try {
      retrier.call(Deadline.none(), () -> {
        int number = attempt.incrementAndGet();
        // Same request id on every attempt, as Lambda does; each a segment of its own, called by the one before.
        Invocation current = number == 1 ? invocation : invocation.retry(number);
        InvokeResult result = host.invoke(current, true);
        result.awaitLog();
        return result;
      }, result -> result.failed() ? RetryDecision.retry() : RetryDecision.fail());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the emulator is closing
    } catch (Exception e) {
      // A platform failure (the code cannot be unpacked, the runtime cannot start): nobody waits for an
      // Event invocation, so say it where its logs would be.
      host.logFailure(invocation.requestId(), e);
    }
  }

  /** Containers of the function alive now, busy or idle. */
  public int liveContainers(String function) {
    return host(function).liveContainers();
  }

  /** Invocations of the function in progress now, queued async ones not counted. */
  public int concurrentExecutions(String function) {
    return host(function).concurrentExecutions();
  }

  /** Cold starts of the function since the emulator started. */
  public int coldStarts(String function) {
    return host(function).coldStarts();
  }

  private FunctionHost host(String nameOrArn) {
    String name = nameOrArn;
    int marker = name.indexOf("function:");
    if (marker >= 0) {
      name = name.substring(marker + "function:".length());
    }
    int qualifier = name.indexOf(':');
    if (qualifier >= 0) {
      if (!name.substring(qualifier + 1).equals("$LATEST")) {
        throw LambdaServiceException.notFound(arn(nameOrArn));
      }
      name = name.substring(0, qualifier);
    }
    FunctionHost host = hosts.get(name);
    if (host == null) {
      throw LambdaServiceException.notFound(arn(nameOrArn));
    }
    return host;
  }

  private String arn(String nameOrArn) {
    return nameOrArn.startsWith("arn:") ? nameOrArn
        : "arn:aws:lambda:" + settings.region() + ":" + settings.accountId() + ":function:" + nameOrArn;
  }

  private static byte[] checkedPayload(byte[] payload, long limit) {
    if (payload == null || payload.length == 0) {
      return "{}".getBytes(StandardCharsets.UTF_8); // what Lambda hands a function invoked without payload
    }
    if (payload.length > limit) {
      throw LambdaServiceException.requestTooLarge(limit);
    }
    try (JsonParser parser = JSON.createParser(payload)) {
      while (parser.nextToken() != null) {
        // a full pass is the check
      }
    } catch (JsonProcessingException e) {
      throw LambdaServiceException.invalidContent(e.getOriginalMessage());
    } catch (IOException e) {
      throw LambdaServiceException.invalidContent(e.getMessage());
    }
    return payload;
  }

  private Invocation invocation(FunctionHost host, byte[] payload, InvocationCause cause, String clientContext) {
    return new Invocation(UUID.randomUUID().toString(), payload, host.functionArn(), trace(cause), cause,
        clientContext, null);
  }

  /**
   * The X-Ray trace context Lambda passes to every invocation: an Invoke API call's X-Amzn-Trace-Id continues the
   * caller's trace, anything else starts one.
   */
  private TraceContext trace(InvocationCause cause) {
    return switch (cause) {
      case InvocationCause.InvokeApi api -> api.traceHeader()
          .map(header -> TraceContext.continuing(header, ledger.now()))
          .orElseGet(() -> TraceContext.fresh(ledger.now()));
      case InvocationCause.Direct direct -> TraceContext.fresh(ledger.now());
      case InvocationCause.MappingBatch batch -> TraceContext.fresh(ledger.now());
      case InvocationCause.TopicDelivery delivery -> TraceContext.fresh(ledger.now());
      case InvocationCause.AsyncRetry retry -> TraceContext.fresh(ledger.now()); // made by Invocation.retry instead
    };
  }

  @Override
  public void close() {
    reaper.shutdownNow();
    asyncQueue.shutdownNow();
    hosts.values().parallelStream().forEach(FunctionHost::close);
    try {
      asyncQueue.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sandboxes.close();
    aws.close();
    CodeUnpacker.deleteTree(workDirectory);
  }

  /** The folder where this emulator keeps containers and unpacked code; its own, removed on close. */
  public Path workDirectory() {
    return workDirectory;
  }
}
