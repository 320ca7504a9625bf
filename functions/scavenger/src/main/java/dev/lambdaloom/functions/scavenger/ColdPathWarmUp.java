package dev.lambdaloom.functions.scavenger;

import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs the scavenger's own code once in Lambda's init phase, which runs at full speed, so that the first invocation,
 * which runs at the CPU share, does not load and interpret its cold paths then. Measured through the emulator at
 * 256 MB (0.145 vCPU), cold: reading the request 542 ms, unwinding the scans cut at the deadline 670 ms (340 ms warm),
 * enough to miss a 3 s timeout, after which the next invocation starts cold again.
 *
 * <p>The stand-in for DynamoDB is a socket on 127.0.0.1 in this JVM, reached with placeholder credentials: nothing
 * leaves the machine. It answers the first Scan with one expired item and a next page, and holds every other request
 * (the next page, the delete) unanswered; the run is then interrupted, as a deadline would, and unwinds.
 */
final class ColdPathWarmUp {
  private static final String PAGE = """
      {"Count":1,"ScannedCount":1,"Items":[{"WorkerId":{"N":"1"},"StartTime":{"S":"2000-01-01T00:00:00Z"},\
      "StartExecutionTime":{"S":"2000-01-01T00:00:00Z"},"Completed":{"N":"1"}}],\
      "LastEvaluatedKey":{"WorkerId":{"N":"1"},"StartTime":{"S":"2000-01-01T00:00:00Z"}}}""";
  /**
   * Lambda gives init 10 s, JVM start included; the warm-up ends by this long after the process started (or gives up
   * waiting for the held requests), so that a slow machine's init is slower, never failed.
   */
  static final Duration INIT_BUDGET = Duration.ofSeconds(6);
  /** Time for the interrupted run to unwind, which is what the warm-up is for (about 100 ms at full speed here). */
  private static final Duration UNWINDING = Duration.ofSeconds(1);

  private ColdPathWarmUp() {}

  /** In Lambda's init: see {@link #INIT_BUDGET}. */
  static String runInInit(Map<String, String> environment) {
    Duration sinceStart = ProcessHandle.current().info().startInstant()
        .map(started -> Duration.between(started, Instant.now())).orElse(Duration.ZERO);
    if (sinceStart.compareTo(INIT_BUDGET) >= 0) return "warm-up skipped: init has taken " + sinceStart + " already";
    return run(environment, Deadline.after(INIT_BUDGET.minus(sinceStart)));
  }

  /**
   * Runs the warm-up, waiting for it to reach the held requests until {@code giveUp}, and says how it went; never
   * throws (a failed warm-up leaves a slower first invocation, nothing worse).
   */
  static String run(Map<String, String> environment, Deadline giveUp) {
    long start = System.nanoTime();
    DeleteMode mode = deleteMode(environment);
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CountDownLatch held = new CountDownLatch(2); // the next page and the delete
      AtomicBoolean answered = new AtomicBoolean();
      Thread acceptor = Thread.ofVirtual().start(() -> accept(server, held, answered));
      boolean reached = scavengeAndInterrupt(URI.create("http://127.0.0.1:" + server.getLocalPort()), held, mode,
          giveUp);
      acceptor.interrupt();
      answer(mode);
      return String.format(Locale.ROOT, "warm-up of %s deletes %s in %d ms", mode.label(),
          reached ? "done" : "incomplete", (System.nanoTime() - start) / 1_000_000);
    } catch (Exception e) {
      return "warm-up failed (" + e + ")";
    }
  }

  private static DeleteMode deleteMode(Map<String, String> environment) {
    try {
      return ScavengeSettings.from(Settings.of(Map.of(), Map.of("TABLE_NAME", "WarmUp", "DELETE_MODE",
          environment.getOrDefault("DELETE_MODE", DeleteMode.BATCH.label())))).deleteMode();
    } catch (IllegalArgumentException e) {
      return DeleteMode.BATCH; // the invocation will say what is wrong with it
    }
  }

  /** True when the run got as far as a delete and a second page before it was interrupted. */
  private static boolean scavengeAndInterrupt(URI endpoint, CountDownLatch held, DeleteMode mode, Deadline giveUp)
      throws Exception {
    ScavengeRequest request = ScavengeRequest.from(Map.of("resume", Resume.fromStart(1).toJson(), "deleteMode",
        mode.label(), "dryRun", false), Map.of("TABLE_NAME", "WarmUp"));
    try (DynamoDbClient client = DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("warm-up", "warm-up")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build()) {
      Scavenger scavenger = new Scavenger(client, Clock.systemUTC(), Scavenger.RETRIES,
          new MeasuredCosts(CpuShare.of(Map.of())), PageListener.NONE);
      Thread run = Thread.ofPlatform().daemon().start(() -> {
        try {
          scavenger.run(request.settings(), request.resume(), Deadline.none(), Deadline.none());
        } catch (InterruptedException expected) {
          Thread.currentThread().interrupt();
        }
      });
      boolean reached = giveUp.await(held);
      run.interrupt(); // as the hard deadline does: every reader and deleter is interrupted mid-request
      run.join(giveUp.remaining().plus(UNWINDING));
      return reached;
    }
  }

  /** What the end of an invocation builds. */
  private static void answer(DeleteMode mode) {
    ScavengeResult result = new ScavengeResult(1, 1, 0, 0, 0, 0, 0, 1, 0, 2, 1, false, mode, Duration.ZERO,
        Ending.DEADLINE, Resume.fromStart(1), List.of("warm-up"));
    result.summary();
    result.toJson();
  }

  private static void accept(ServerSocket server, CountDownLatch held, AtomicBoolean answered) {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread.ofVirtual().start(() -> serve(socket, held, answered));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** Answers the first Scan with {@link #PAGE}; holds anything else until the client gives up. */
  private static void serve(Socket socket, CountDownLatch held, AtomicBoolean answered) {
    try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
      while (true) {
        String head = readHead(in);
        if (head == null) return;
        in.readNBytes(contentLength(head));
        if (head.contains("DynamoDB_20120810.Scan") && answered.compareAndSet(false, true)) {
          byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: " + body.length
              + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(body);
          out.flush();
        } else {
          held.countDown();
          in.read(); // until the interrupted client closes the connection
          return;
        }
      }
    } catch (IOException e) {
      // the client went away: what the warm-up waits for
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    for (int b = in.read(); b >= 0; b = in.read()) {
      head.write(b);
      matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
      if (matched == 4) return head.toString(StandardCharsets.US_ASCII);
    }
    return null;
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).strip());
      }
    }
    return 0;
  }
}
