package dev.lambdaloom.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lambdaloom.core.Deadline;
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
      double share = PublishCosts.cpuShare(environment);
      PublishCosts.CpuCosts cpu;
      long started = System.nanoTime();
      try (S3Client canned = S3Clients.likeTheRealOne(environment, new CannedS3Answers())) {
        cpu = new PublishPrimer(canned).prime();
      } catch (IOException | RuntimeException e) {
        // Priming only saves time: without it the first call pays class loading, and learns costs from its requests.
        System.err.println("ingest: priming the publish path failed, the first call will be slower: " + e);
        e.printStackTrace();
        cpu = PublishCosts.CpuCosts.UNKNOWN;
      }
      System.err.printf("ingest: primed the publish path in %d ms; its CPU costs: %.2f ns per byte to encode, %d µs to "
              + "finish a file, %.2f ns per byte to upload, %d µs per request; this container gets %.2f vCPU%n",
          (System.nanoTime() - started) / 1_000_000, cpu.encodeNanosPerByte(), cpu.finishNanos() / 1000,
          cpu.uploadNanosPerByte(), cpu.nanosPerRequest() / 1000, share);
      return new ContainerState(S3Clients.fromEnvironment(environment), DocumentFetcher.newAlarms(),
          new PublishCosts(share, cpu));
    }
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
