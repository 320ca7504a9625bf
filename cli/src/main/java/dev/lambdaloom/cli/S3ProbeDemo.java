package dev.lambdaloom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.core.FanOut;
import dev.lambdaloom.core.FanOutResult;
import dev.lambdaloom.core.TaskResult;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.Report;
import dev.lambdaloom.loopback.ResponseDelayProxy;
import dev.lambdaloom.services.s3.S3Server;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 concurrency probe: 200 objects of 10 KB on an embedded S3, each holding a known number of a find string,
 * read by one container twice once it is warm, sequentially and then on virtual threads 64 at a time; the matches
 * checked against what was put, and the two read times compared. The function reads through a
 * {@link ResponseDelayProxy} that answers {@link #LATENCY} late, as S3 does from Lambda: the embedded server answers
 * in about a millisecond, which would leave concurrency little to hide.
 */
final class S3ProbeDemo implements DemoStep {
  static final String FUNCTION = "S3ProbeFunction";
  static final String BUCKET = "probe";
  static final String PREFIX = "demo/";
  static final String FIND = "NEEDLE";
  static final int OBJECTS = 200;
  static final int OBJECT_BYTES = 10 * 1024;
  static final int CONCURRENCY = 64;
  /** Tens of milliseconds is the median latency AWS gives for small GETs (S3 performance whitepaper). */
  static final Duration LATENCY = Duration.ofMillis(20);
  /** Object i holds i % 5 needles: 0 to 4, 400 in all. */
  private static final int MOST_NEEDLES = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "s3probe";
  }

  @Override
  public String description() {
    return String.format(Locale.ROOT, "%s: %d objects of %d KB on the embedded S3 (answering %d ms late, as S3 from"
        + " Lambda), read sequentially, then on virtual threads %d at a time", FUNCTION, OBJECTS, OBJECT_BYTES / 1024,
        LATENCY.toMillis(), CONCURRENCY);
  }

  /** How many times object {@code i} holds {@link #FIND}. */
  static int needles(int i) {
    return i % (MOST_NEEDLES + 1);
  }

  static long expectedMatches() {
    long total = 0;
    for (int i = 0; i < OBJECTS; i++) {
      total += needles(i);
    }
    return total;
  }

  /** Dots, with {@link #needles(int)} copies of {@link #FIND} spread over the body. */
  static byte[] body(int i) {
    byte[] body = new byte[OBJECT_BYTES];
    Arrays.fill(body, (byte) '.');
    byte[] find = FIND.getBytes(StandardCharsets.US_ASCII);
    int stride = OBJECT_BYTES / (MOST_NEEDLES + 1);
    for (int n = 0; n < needles(i); n++) {
      System.arraycopy(find, 0, body, n * stride + i % (stride - find.length), find.length);
    }
    return body;
  }

  @Override
  public SummaryRow run(Emulator emulator, PrintStream out) throws Exception {
    out.println("  starting the embedded S3...");
    try (S3Server s3 = S3Server.start(S3Server.Options.defaults().withInitialBuckets(BUCKET));
        ResponseDelayProxy delayed = ResponseDelayProxy.start(new InetSocketAddress("127.0.0.1", s3.port()), LATENCY);
        Emulator own = DemoStep.emulatorFor(emulator, FUNCTION,
            Map.of("AWS_ENDPOINT_URL_S3", delayed.endpoint(), "PROBE_BUCKET", BUCKET), LogSink.discard())) {
      long started = System.nanoTime();
      put(s3);
      long expected = expectedMatches();
      out.printf(Locale.ROOT, "  put %d objects of %d KB under s3://%s/%s, %d '%s' in all (0 to %d each), in %.1f s%n",
          OBJECTS, OBJECT_BYTES / 1024, BUCKET, PREFIX, expected, FIND, MOST_NEEDLES,
          (System.nanoTime() - started) / 1e9);

      // One unmeasured pass in each mode first: the container's init, and the first GETs that the JIT compiles (in
      // the function and in the embedded S3), are paid there, by neither of the two runs compared.
      Run coldStart = invoke(own, sequential());
      Run warmUp = coldStart.failed() ? coldStart : invoke(own, concurrent());
      if (warmUp.failed()) {
        out.println("  FAILED: a warm-up invocation failed: " + warmUp.result.payloadText());
        out.print(warmUp.log().indent(4));
        return new SummaryRow(name(), FUNCTION, "FAILED: warm-up " + warmUp.result.errorType(), "-", "-", "-");
      }
      out.printf(Locale.ROOT, "  warm-up: one unmeasured pass per mode, the first with the cold start (init %.0f ms +"
          + " %.0f ms); both runs below are warm%n", coldStart.report.initDurationMs(), coldStart.report.durationMs());

      Run sequential = invoke(own, sequential());
      List<String> problems = new ArrayList<>(sequential.check("sequential", expected, out));
      Run concurrent = invoke(own, concurrent());
      problems.addAll(concurrent.check("virtual threads x" + CONCURRENCY, expected, out));
      if (problems.isEmpty() && (sequential.report.coldStart() || concurrent.report.coldStart())) {
        problems.add("a measured run started a new container");
      }
      if (!problems.isEmpty()) {
        String result = "FAILED: " + String.join("; ", problems);
        out.println("  " + result);
        return new SummaryRow(name(), FUNCTION, result, coldStart(coldStart.report), "-", "-");
      }

      double seqMs = sequential.body.get("readMs").asDouble();
      double concurrentMs = concurrent.body.get("readMs").asDouble();
      double ratio = seqMs / concurrentMs;
      String speed = ratio >= 1 ? String.format(Locale.ROOT, "%.1fx faster", ratio)
          : String.format(Locale.ROOT, "%.1fx slower", 1 / ratio);
      out.printf(Locale.ROOT, "  concurrent (virtual threads, %d in flight) %s than sequential%n", CONCURRENCY, speed);
      long maxMemory = List.of(coldStart, warmUp, sequential, concurrent).stream()
          .mapToLong(r -> r.report.maxMemoryUsedMb()).max().orElse(0);
      return new SummaryRow(name(), FUNCTION,
          String.format(Locale.ROOT, "ok, %d objects, %d matches, each way; x%d %s", OBJECTS, expected, CONCURRENCY,
              speed),
          coldStart(coldStart.report),
          String.format(Locale.ROOT, "read %.0f ms seq, %.0f ms x%d", seqMs, concurrentMs, CONCURRENCY),
          maxMemory + " of " + warmUp.report.memorySizeMb() + " MB");
    }
  }

  /** The objects to read, put 16 at a time through core's FanOut. */
  private static void put(S3Server s3) throws Exception {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < OBJECTS; i++) indexes.add(i);
    try (S3Client client = s3.newClient()) {
      FanOutResult<Integer, String> result = FanOut.maxInFlight(16).failFast(true).run(indexes, i -> {
        String key = String.format(Locale.ROOT, "%sobject-%03d", PREFIX, i);
        client.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(body(i)));
        return key;
      });
      if (!result.failures().isEmpty()) {
        TaskResult.Failure<Integer, String> first = result.failures().getFirst();
        throw new IllegalStateException("could not put object " + first.input(), first.failure());
      }
    }
  }

  private static Map<String, Object> sequential() {
    return Map.of("prefix", PREFIX, "find", FIND, "mode", "sequential");
  }

  private static Map<String, Object> concurrent() {
    return Map.of("prefix", PREFIX, "find", FIND, "mode", "concurrent", "client", "virtual-threads",
        "concurrency", CONCURRENCY);
  }

  private static Run invoke(Emulator emulator, Map<String, Object> event) throws Exception {
    InvokeResult result = emulator.invoke(FUNCTION, JSON.writeValueAsBytes(event));
    Report report = result.awaitLog().report();
    return new Run(result, report, result.failed() ? null : JSON.readTree(result.payload()));
  }

  private static String coldStart(Report report) {
    return String.format(Locale.ROOT, "init %.0f ms + first %.0f ms", report.initDurationMs(), report.durationMs());
  }

  /** One invocation: its answer, its REPORT figures, and the probe's result (null when it failed). */
  record Run(InvokeResult result, Report report, JsonNode body) {
    boolean failed() {
      return result.failed();
    }

    String log() {
      return result.awaitLog().text();
    }

    /** Prints the run's line; returns what is wrong with it (nothing when every object was read and matched). */
    List<String> check(String label, long expected, PrintStream out) {
      if (failed()) {
        out.printf("  %-20s FAILED: %s%n", label, result.payloadText());
        out.print(log().indent(4));
        return List.of(label + " invocation failed (" + result.errorType() + ")");
      }
      long read = body.get("read").asLong();
      long matches = body.get("matches").asLong();
      double readMs = body.get("readMs").asDouble();
      JsonNode failures = body.get("failed");
      out.printf(Locale.ROOT, "  %-20s %d of %d objects read, %d matches (expected %d), readMs %.1f, %,.0f objects/s,"
              + " per object p50 %.2f ms p99 %.2f ms%n", label, read, body.get("objects").asLong(), matches, expected,
          readMs, read / (readMs / 1000), body.get("perObject").get("p50").asDouble(),
          body.get("perObject").get("p99").asDouble());
      List<String> problems = new ArrayList<>();
      if (body.get("objects").asLong() != OBJECTS || read != OBJECTS) {
        problems.add(String.format(Locale.ROOT, "%s read %d of %d objects (listed %d, stopped by %s)", label, read,
            OBJECTS, body.get("objects").asLong(), body.get("stoppedBy").asText()));
      }
      if (failures.get("count").asLong() > 0) {
        problems.add(String.format(Locale.ROOT, "%s: %d failed %s, e.g. %s", label,
            failures.get("count").asLong(), failures.get("byError"), failures.get("examples").path(0)));
      }
      if (matches != expected) {
        problems.add(String.format(Locale.ROOT, "%s found %d matches, %d were put", label, matches, expected));
      }
      return problems;
    }
  }
}
