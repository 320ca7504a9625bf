package dev.lambdaloom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.Report;
import dev.lambdaloom.services.iot.Fault;
import dev.lambdaloom.services.iot.IotApiSimulator;
import dev.lambdaloom.services.iot.Ledger;
import dev.lambdaloom.services.s3.S3Server;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The data factory: 10,000 documents from a simulated IoT API with 20 ms latency, 1% HTTP errors and
 * 0.5% malformed documents, fetched 256 at a time in one invocation, validated, written as Parquet
 * to an embedded S3; the result checked against what the API says it served.
 */
final class IngestDemo implements DemoStep {
  static final String FUNCTION = "IngestFunction";
  static final String BUCKET = "readings";
  private static final int DOCUMENTS = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public String description() {
    return FUNCTION + ": " + String.format(Locale.ROOT, "%,d", DOCUMENTS)
        + " documents (20 ms latency, 1% HTTP errors, 0.5% malformed), 256 in flight, Parquet to S3";
  }

  @Override
  public SummaryRow run(Emulator emulator, PrintStream out) throws Exception {
    IotApiSimulator.Options options = IotApiSimulator.Options.builder().seed(2020)
        .latency(Duration.ofMillis(20), Duration.ZERO)
        .faultRate(Fault.HTTP_500, 0.004).faultRate(Fault.HTTP_503_RETRY_AFTER, 0.003).faultRate(Fault.HTTP_429, 0.003)
        .retryAfterSeconds(1)
        .malformedRate(0.005)
        .build();
    out.println("  starting the embedded S3 and the IoT API simulator...");
    try (S3Server s3 = S3Server.start(S3Server.Options.defaults().withInitialBuckets(BUCKET));
        IotApiSimulator api = IotApiSimulator.start(options);
        Emulator own = DemoStep.emulatorFor(emulator, FUNCTION,
            Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint(), "READINGS_BUCKET", BUCKET), LogSink.printTo(out, true))) {
      String urlTemplate = api.urlTemplate().replace("{device}", "sensor-42").replace("{seq}", "{id}");
      String event = "{\"urlTemplate\":\"" + urlTemplate + "\",\"range\":{\"from\":0,\"to\":" + DOCUMENTS + "},"
          + "\"concurrency\":256,\"keyPrefix\":\"demo/\"}";
      out.println("  event: " + event);
      InvokeResult result = own.invoke(FUNCTION, event.getBytes(StandardCharsets.UTF_8));
      Report report = result.awaitLog().report();
      if (result.failed()) {
        out.println("  error: " + result.payloadText());
        return new SummaryRow(name(), FUNCTION, "FAILED: " + result.errorType(), "-", "-", "-");
      }
      JsonNode body = JSON.readTree(result.payload());
      out.println("  result: " + shortened(body));
      Ledger served = api.ledger();
      long valid = body.get("valid").asLong();
      long rejected = 0;
      for (JsonNode count : body.get("rejected")) {
        rejected += count.asLong();
      }
      long failed = body.get("failed").get("count").asLong();
      boolean accounted = valid == served.validServed() && valid + rejected + failed == DOCUMENTS
          && body.get("resume").isNull();
      out.printf(Locale.ROOT, "  the API served %,d valid documents; Parquet holds %,d rows: %s%n",
          served.validServed(), body.get("rows").asLong(), accounted ? "nothing lost" : "MISMATCH");
      double seconds = report.durationMs() / 1000;
      return new SummaryRow(name(), FUNCTION,
          (accounted ? "ok, " : "FAILED, ") + String.format(Locale.ROOT, "%,d valid, %,d rejected, %,d failed",
              valid, rejected, failed),
          report.initDurationMs() == null ? "-" : String.format(Locale.ROOT, "init %.0f ms", report.initDurationMs()),
          String.format(Locale.ROOT, "%.1f s, %,.0f docs/s", seconds, DOCUMENTS / seconds),
          report.maxMemoryUsedMb() + " of " + report.memorySizeMb() + " MB");
    }
  }

  /** The result with long lists cut, for the terminal. */
  private static String shortened(JsonNode body) {
    ObjectNode copy = body.deepCopy();
    ArrayNode ids = (ArrayNode) copy.get("failed").get("ids");
    if (ids.size() > 5) {
      int more = ids.size() - 5;
      while (ids.size() > 5) {
        ids.remove(5);
      }
      ids.add("... " + more + " more");
    }
    return copy.toString();
  }
}
