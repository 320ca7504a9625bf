package dev.lambdaloom.functions.ingest;

import com.sun.net.httpserver.HttpServer;
import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.readingformat.ReadingParser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs a whole small ingest with the function's own code: the request parsed, four reading documents fetched over
 * HTTP from a server of its own on 127.0.0.1 and parsed, the Parquet file and the report written through an S3 client
 * configured like the container's over {@link CannedS3Answers}, the result written out. The publish path alone is
 * primed at every init by {@link PublishPrimer}; this adds the fetch, the parse and the job around them. Nothing
 * leaves the container, nothing is written anywhere, and the container's measured costs are left alone.
 */
final class IngestPriming {
  private static final int DOCUMENTS = 4;
  private static final byte[] DOCUMENT = "{\"datetime\": \"2020-01-27T00:00:00.000000\", \"values\": [1, 2, 3]}"
      .getBytes(StandardCharsets.UTF_8);

  private final Map<String, String> environment;
  private final ScheduledExecutorService alarms;

  IngestPriming(Map<String, String> environment, ScheduledExecutorService alarms) {
    this.environment = environment;
    this.alarms = alarms;
  }

  void prime() throws IOException, InterruptedException {
    HttpServer documents = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    documents.createContext("/", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, DOCUMENT.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(DOCUMENT);
      }
    });
    documents.start();
    try (S3Client canned = S3Clients.likeTheRealOne(environment, CannedS3Answers.client())) {
      IngestRequest request = IngestRequest.parse(("{\"urlTemplate\":\"http://127.0.0.1:"
          + documents.getAddress().getPort() + "/readings/{id}\",\"range\":{\"from\":0,\"to\":" + DOCUMENTS
          + "},\"bucket\":\"priming\",\"keyPrefix\":\"priming/\",\"concurrency\":2}").getBytes(StandardCharsets.UTF_8),
          environment);
      DocumentFetcher fetcher = new DocumentFetcher(alarms, request.requestTimeout(), request.maxAttempts(),
          request.limits().maxBytes());
      PublishCosts costs = new PublishCosts(PublishCosts.cpuShare(environment), PublishCosts.CpuCosts.UNKNOWN);
      new IngestJob(request, fetcher, canned, new ReadingParser(request.limits()), costs, new RunId("priming"))
          .run(Deadline.after(Duration.ofSeconds(30))).writeTo(OutputStream.nullOutputStream());
    } finally {
      documents.stop(0);
    }
  }
}
