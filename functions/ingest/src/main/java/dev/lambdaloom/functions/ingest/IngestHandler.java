package dev.lambdaloom.functions.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lambdaloom.core.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The data factory's Lambda entry point: reads the request, runs an {@link IngestJob} within the
 * invocation's remaining time, writes the result. Clients are built once per container.
 */
public final class IngestHandler implements RequestStreamHandler {
  private static final ScheduledExecutorService REQUEST_ALARMS = DocumentFetcher.newAlarms();
  private static final S3Client S3 = S3Clients.fromEnvironment();
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    IngestRequest request = IngestRequest.parse(input.readAllBytes(), System.getenv("READINGS_BUCKET"));
    ReadingParser parser = new ReadingParser(request.limits());
    DocumentFetcher fetcher = new DocumentFetcher(REQUEST_ALARMS, request.requestTimeout(), request.maxAttempts(),
        request.limits().maxBytes());
    String runId = RUN_ID.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
    IngestJob job = new IngestJob(request, fetcher, S3, parser, runId);
    try {
      job.run(deadlines(Deadline.fromContext(context, Duration.ZERO), request)).writeTo(output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /**
   * Keeps time at the end to publish (last row group, last parts, the multipart completions) and
   * answer: running requests are interrupted a little before that, and none starts later than one
   * request timeout before the interruption, so most in-flight work finishes instead of being cut.
   */
  static IngestJob.Deadlines deadlines(Deadline end, IngestRequest request) {
    Duration left = end.remaining();
    Duration publish = clamp(left.dividedBy(10), Duration.ofSeconds(1), Duration.ofSeconds(10));
    Deadline interrupt = end.minus(publish);
    Duration settle = clamp(request.requestTimeout(), Duration.ZERO, left.dividedBy(4));
    return new IngestJob.Deadlines(interrupt.minus(settle), interrupt);
  }

  private static Duration clamp(Duration value, Duration min, Duration max) {
    return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
  }
}
