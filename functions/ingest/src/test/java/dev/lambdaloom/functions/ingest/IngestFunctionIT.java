package dev.lambdaloom.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EndStatus;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.services.iot.Document;
import dev.lambdaloom.services.iot.Expectation;
import dev.lambdaloom.services.iot.IotApiSimulator;
import dev.lambdaloom.services.s3.S3Server;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.template.TemplateOverrides;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The packaged ingest.zip in the emulator, as Lambda would run it, against local S3 and the IoT API. */
class IngestFunctionIT {
  private static final String BUCKET = "readings";
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * The 4 s function's memory: 512 MB, 0.29 vCPU. {@code -Dingest.it.hurriedMemoryMb=256} halves its CPU share, as a
   * machine twice as slow would, to check that its margins follow what it measures.
   */
  private static final int HURRIED_MEMORY_MB = Integer.getInteger("ingest.it.hurriedMemoryMb", 512);

  /**
   * Below 512 MB the runtime's metaspace (a tenth of MemorySize) is smaller than the 27 MB the function's classes take
   * (measured with the publish path primed): the function needs 512 MB as deployed. For the CPU-share check at
   * 256 MB it gets room for its classes, as a user would set in JAVA_TOOL_OPTIONS.
   */
  private static String metaspaceBelow512Mb() {
    return HURRIED_MEMORY_MB >= 512 ? "" : """
              Environment:
                Variables:
                  JAVA_TOOL_OPTIONS: -XX:MaxMetaspaceSize=48m
        """;
  }

  @TempDir static Path dir;
  private static S3Server s3Server;
  private static S3Client s3;
  private static Emulator emulator;

  @BeforeAll
  static void start() throws Exception {
    s3Server = S3Server.start(S3Server.Options.defaults().withInitialBuckets(BUCKET));
    s3 = s3Server.newClient();
    Path template = Files.writeString(dir.resolve("template.yaml"), """
        Resources:
          Ingest:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: java25
              CodeUri: %s
              Handler: dev.lambdaloom.functions.ingest.IngestHandler::handleRequest
              MemorySize: 512
              Timeout: 60
          IngestInAHurry:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: java25
              CodeUri: %1$s
              Handler: dev.lambdaloom.functions.ingest.IngestHandler::handleRequest
              MemorySize: %d
              Timeout: 4
        """.formatted(Path.of("target", "ingest.zip").toAbsolutePath(), HURRIED_MEMORY_MB) + metaspaceBelow512Mb());
    TemplateOverrides overrides = TemplateOverrides.none()
        .withEnvironment("*", Map.of("AWS_ENDPOINT_URL_S3", s3Server.endpoint()));
    emulator = Emulator.start(SamTemplate.load(template, overrides), EmulatorSettings.defaults(),
        LogSink.printTo(System.out, true));
  }

  @AfterAll
  static void stop() throws Exception {
    emulator.close();
    s3.close();
    s3Server.close();
  }

  private static String event(IotApiSimulator api, String device, int to, String extra) {
    String template = api.urlTemplate().replace("{device}", device).replace("{seq}", "{id}");
    return "{\"urlTemplate\":\"" + template + "\",\"bucket\":\"" + BUCKET + "\",\"keyPrefix\":\"it/\","
        + "\"range\":{\"from\":0,\"to\":" + to + "}" + extra + "}";
  }

  private static JsonNode invoke(String function, String event) throws Exception {
    return JSON.readTree(invokeLogged(function, event).payload());
  }

  /** An invocation that must have answered (no error, no timeout), with its log. */
  private static InvokeResult invokeLogged(String function, String event) throws Exception {
    InvokeResult result = emulator.invoke(function, event.getBytes(StandardCharsets.UTF_8));
    InvokeResult.InvocationLog log = result.awaitLog();
    assertThat(result.failed()).as(result.payloadText() + "\n" + log.text()).isFalse();
    assertThat(log.report().status()).as(log.report().line()).isEqualTo(EndStatus.ANSWERED);
    return result;
  }

  private static BigInteger expectedSum(IotApiSimulator api, String device, int to) {
    BigInteger sum = BigInteger.ZERO;
    for (long seq = 0; seq < to; seq++) {
      Expectation e = api.expected(device, seq);
      if (e.eventuallyValid()) {
        sum = sum.add(BigInteger.valueOf(((Document.Valid) e.document()).valueSum()));
      }
    }
    return sum;
  }

  private static List<Object> countAndSum(List<String> keys) throws Exception {
    List<String> files = new ArrayList<>();
    for (String key : keys) {
      Path file = dir.resolve(key.replace('/', '_'));
      Files.write(file, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
      files.add(DuckDb.literal(file));
    }
    try (DuckDb duckDb = new DuckDb()) {
      return duckDb.row("SELECT count(*), CAST(sum(list_sum(values)) AS VARCHAR) FROM read_parquet(["
          + String.join(",", files) + "])");
    }
  }

  @Test
  void ingestsThousandsOfDocumentsInOneInvocation() throws Exception {
    try (IotApiSimulator api = IotApiSimulator.start(IotApiSimulator.Options.builder().seed(42).build())) {
      JsonNode result = invoke("Ingest", event(api, "d1", 2000, ",\"concurrency\":128"));

      assertThat(result.get("valid").asLong()).isEqualTo(2000);
      assertThat(result.get("resume").isNull()).isTrue();
      List<String> keys = new ArrayList<>();
      result.get("keys").forEach(k -> keys.add(k.asText()));
      assertThat(countAndSum(keys)).containsExactly(2000L, expectedSum(api, "d1", 2000).toString());
    }
  }

  @Test
  void resumesAcrossInvocationsCutByLambdasTimeoutWithoutGapsOrDuplicates() throws Exception {
    IotApiSimulator.Options options = IotApiSimulator.Options.builder().seed(9)
        .latency(Duration.ofMillis(30), Duration.ZERO).build();
    int documents = 1500;
    int concurrency = 8;
    try (IotApiSimulator api = IotApiSimulator.start(options)) {
      // The API's latency alone is 1,500 x 30 ms / 8 in flight = 5.6 s of work, more than the 4 s timeout on any
      // machine: it takes at least two calls. How many more depends on the machine; each call must answer in time
      // and make progress, and together they must deliver every document once.
      Duration latencyBound = options.latency().multipliedBy(documents / concurrency);
      Duration timeout = Duration.ofSeconds(4);
      assertThat(latencyBound).isGreaterThan(timeout);
      String event = event(api, "d2", documents, ",\"concurrency\":" + concurrency + ",\"requestTimeoutMs\":2000");
      List<String> keys = new ArrayList<>();
      List<String> reports = new ArrayList<>();
      long valid = 0;
      long pending = documents;
      int calls = 0;
      String resume = null;
      do {
        String withToken = resume == null ? event
            : event.substring(0, event.length() - 1) + ",\"resume\":\"" + resume + "\"}";
        InvokeResult invoked = invokeLogged("IngestInAHurry", withToken);
        InvokeResult.InvocationLog log = invoked.awaitLog();
        reports.add(log.report().line().trim() + " | " + log.lines().stream()
            .filter(line -> line.contains("ingest it/")).findFirst().orElse("(no publish line)"));
        JsonNode result = JSON.readTree(invoked.payload());
        calls++;
        assertThat(result.get("pending").asLong()).as("call %d makes progress", calls).isLessThan(pending);
        pending = result.get("pending").asLong();
        valid += result.get("valid").asLong();
        result.get("keys").forEach(k -> keys.add(k.asText()));
        resume = result.get("resume").isNull() ? null : result.get("resume").asText();
      } while (resume != null);
      reports.forEach(System.out::println);

      assertThat(calls).isGreaterThanOrEqualTo(2);
      assertThat(valid).isEqualTo(documents);
      assertThat(keys).doesNotHaveDuplicates();
      assertThat(countAndSum(keys)).containsExactly((long) documents, expectedSum(api, "d2", documents).toString());
      assertThat(api.ledger().documentsRequested()).isEqualTo(documents);
    }
  }
}
