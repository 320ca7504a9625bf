package dev.lambdaloom.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.readingformat.ReadingParser;
import dev.lambdaloom.snapstart.RestorableCredentials;
import dev.lambdaloom.snapstart.SnapStartHooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The data factory's Lambda entry point: reads the request, runs an {@link IngestJob} until the invocation's end,
 * writes the result. What a container keeps between calls is built once, at init: the S3 client, the request alarms,
 * and what publishing costs here ({@link PublishCosts}), first measured by priming the publish path
 * ({@link PublishPrimer}) so that no call pays class loading at its deadline.
 */
public final class IngestHandler implements RequestStreamHandler {
  private final ContainerState container;
  private final Map<String, String> environment;

  /** What Lambda calls, at init: the container's state is built then, and the process environment read. */
  public IngestHandler() {
    this(Container.STATE, System.getenv());
  }

  /** Built when Lambda first makes the handler, not when a test merely loads the class. */
  private static final class Container {
    static final ContainerState STATE = ContainerState.start(System.getenv());
  }

  IngestHandler(ContainerState container, Map<String, String> environment) {
    this.container = container;
    this.environment = environment;
  }

  /** What one container builds once and keeps for every call. */
  record ContainerState(S3Client s3, ScheduledExecutorService alarms, PublishCosts costs) {
    static ContainerState start(Map<String, String> environment) {
      // Priming first: it builds a client like the real one while Parquet is primed on another thread, so the real
      // client's build finds its classes loaded.
      PublishCosts costs = PublishPrimer.primedCosts(environment);
      RestorableCredentials credentials = RestorableCredentials.fromEnvironment();
      ScheduledExecutorService alarms = DocumentFetcher.newAlarms();
      snapStart(environment, alarms, credentials); // registered: the hooks live as long as the container
      return new ContainerState(S3Clients.fromEnvironment(environment, credentials), alarms, costs);
    }
  }

  /**
   * PRIME_ON_INIT and SnapStart: prime ({@link IngestPriming}) at init when asked and before the snapshot; nothing to
   * release (the S3 client has sent nothing; the alarm thread holds no connection); after a restore, credentials read
   * anew. The publish costs measured at init stay: they are CPU time at the same memory size, true after a restore.
   */
  static SnapStartHooks snapStart(Map<String, String> environment, ScheduledExecutorService alarms,
      RestorableCredentials credentials) {
    return SnapStartHooks.install("ingest", environment, new IngestPriming(environment, alarms)::prime,
        SnapStartHooks.NOTHING, credentials::reload);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    Deadline end = Deadline.fromContext(context, Duration.ZERO);
    IngestRequest request = IngestRequest.parse(input.readAllBytes(), environment);
    RunId invocationRun = RunId.of(context.getAwsRequestId(), "the invocation's request id");
    ReadingParser parser = new ReadingParser(request.limits());
    DocumentFetcher fetcher = new DocumentFetcher(container.alarms(), request.requestTimeout(), request.maxAttempts(),
        request.limits().maxBytes());
    IngestJob job = new IngestJob(request, fetcher, container.s3(), parser, container.costs(), invocationRun);
    try {
      job.run(end).writeTo(output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
