package dev.lambdaloom.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.readingformat.ReadingParser;
import dev.lambdaloom.services.iot.Document;
import dev.lambdaloom.services.iot.Expectation;
import dev.lambdaloom.services.iot.Fault;
import dev.lambdaloom.services.iot.IotApiSimulator;
import dev.lambdaloom.services.iot.Malformation;
import dev.lambdaloom.services.s3.S3Server;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** The whole job against real parts: the IoT API simulator, an S3 server, and DuckDB reading the output. */
class IngestJobTest {
  private static final String BUCKET = "readings";
  private static final String DEVICE = "dev-7";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Malformation, Set<String>> REASONS = new EnumMap<>(Map.ofEntries(
      Map.entry(Malformation.TRUNCATED_JSON, Set.of("truncated")),
      Map.entry(Malformation.NOT_JSON, Set.of("not_json")),
      Map.entry(Malformation.MISSING_DATETIME, Set.of("missing_datetime")),
      Map.entry(Malformation.MISSING_VALUES, Set.of("missing_values")),
      Map.entry(Malformation.NULL_DATETIME, Set.of("null_datetime")),
      Map.entry(Malformation.NULL_VALUES, Set.of("null_values")),
      Map.entry(Malformation.WRONG_TYPES, Set.of("values_not_array", "value_not_integer", "datetime_not_string")),
      Map.entry(Malformation.VALUE_OUT_OF_INT64, Set.of("value_out_of_range")),
      Map.entry(Malformation.FRACTIONAL_VALUE, Set.of("value_fractional")),
      Map.entry(Malformation.DATETIME_NOT_ISO, Set.of("datetime_not_iso8601")),
      Map.entry(Malformation.EXTRA_FIELD, Set.of("unexpected_field")),
      Map.entry(Malformation.EMPTY_VALUES, Set.of("empty_values")),
      Map.entry(Malformation.HUGE_DOCUMENT, Set.of("too_large"))));

  private static S3Server s3Server;
  private static S3Client s3;
  private static ScheduledExecutorService alarms;
  /** What a container measures: primed, at a whole vCPU (the tests run unthrottled), then learning as it goes. */
  private static PublishCosts costs;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    s3Server = S3Server.start(S3Server.Options.defaults().withInitialBuckets(BUCKET));
    s3 = s3Server.newClient();
    alarms = DocumentFetcher.newAlarms();
    costs = PublishPrimer.primedCosts(Map.of());
    // What a container's first call measures before it fetches anything.
    BucketProbe probe = new BucketProbe(s3, BUCKET, costs);
    probe.keysStartingWith("test/");
    probe.measureUpload("test/probe");
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    alarms.shutdownNow();
    s3Server.close();
  }

  private static IngestRequest request(IotApiSimulator api, String ids, String extra) {
    String template = api.urlTemplate().replace("{device}", DEVICE).replace("{seq}", "{id}");
    return IngestRequest.parse(("{\"urlTemplate\":\"" + template + "\",\"bucket\":\"" + BUCKET + "\","
        + "\"keyPrefix\":\"test/\"," + ids + extra + "}").getBytes(StandardCharsets.UTF_8));
  }

  private static IngestResult run(IngestRequest request, Deadline end, String runId) throws Exception {
    ReadingParser parser = new ReadingParser(request.limits());
    DocumentFetcher fetcher = new DocumentFetcher(alarms, request.requestTimeout(), request.maxAttempts(),
        request.limits().maxBytes());
    return new IngestJob(request, fetcher, s3, parser, costs, new RunId(runId)).run(end);
  }

  private static Deadline noHurry() {
    return Deadline.none();
  }

  /** Expected valid documents and the exact sum of their values, from what the simulator will serve. */
  private record Expected(long valid, BigInteger sum, Map<String, Long> rejected, Set<String> failedIds) {}

  private static Expected expected(IotApiSimulator api, long from, long to) {
    long valid = 0;
    BigInteger sum = BigInteger.ZERO;
    Map<Malformation, Long> malformed = new EnumMap<>(Malformation.class);
    Set<String> failed = new HashSet<>();
    for (long seq = from; seq < to; seq++) {
      Expectation e = api.expected(DEVICE, seq);
      if (e.faultsForever()) {
        failed.add(Long.toString(seq));
      } else if (e.document() instanceof Document.Valid v) {
        valid++;
        sum = sum.add(BigInteger.valueOf(v.valueSum()));
      } else if (e.document() instanceof Document.Malformed m) {
        malformed.merge(m.kind(), 1L, Long::sum);
      }
    }
    Map<String, Long> byKind = new HashMap<>();
    malformed.forEach((kind, n) -> byKind.put(kind.name(), n));
    return new Expected(valid, sum, byKind, failed);
  }

  private List<Object> parquetCountAndSum(List<String> keys) throws Exception {
    List<String> files = new ArrayList<>();
    for (String key : keys) {
      if (key.endsWith(".parquet")) {
        Path file = dir.resolve(key.replace('/', '_'));
        Files.write(file, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
        files.add(DuckDb.literal(file));
      }
    }
    try (DuckDb duckDb = new DuckDb()) {
      assertThat(duckDb.row("SELECT typeof(values), typeof(datetime) FROM read_parquet([" + String.join(",", files)
          + "]) LIMIT 1")).containsExactly("BIGINT[]", "VARCHAR");
      return duckDb.row("SELECT count(*), CAST(coalesce(sum(list_sum(values)), 0) AS VARCHAR) FROM read_parquet(["
          + String.join(",", files) + "])");
    }
  }

  @Test
  void writesEveryValidDocumentToParquetWithExactCountsAndSums() throws Exception {
    try (IotApiSimulator api = IotApiSimulator.start(IotApiSimulator.Options.builder().seed(11).build())) {
      IngestResult result = run(request(api, "\"range\":{\"from\":0,\"to\":2000}", ",\"concurrency\":64"), noHurry(), "r1");

      assertThat(result.requested()).isEqualTo(2000);
      assertThat(result.valid()).isEqualTo(2000);
      assertThat(result.rows()).isEqualTo(2000);
      assertThat(result.values()).isEqualTo(2000L * api.options().valuesPerDocument());
      assertThat(result.resume()).isNull();
      assertThat(result.keys()).containsExactly("test/r1/00001.parquet");
      assertThat(parquetCountAndSum(result.keys()))
          .containsExactly(2000L, BigInteger.valueOf(api.ledger().totalSum()).toString());
    }
  }

  @Test
  void retriesFaultsKeepsEveryInvalidDocumentAndReportsWhatFailed() throws Exception {
    IotApiSimulator.Options options = IotApiSimulator.Options.builder().seed(23)
        .faultRate(Fault.HTTP_500, 0.03).faultRate(Fault.HTTP_503_RETRY_AFTER, 0.02).faultRate(Fault.HTTP_503, 0.02)
        .faultRate(Fault.HTTP_429, 0.02).faultRate(Fault.DROPPED_CONNECTION, 0.03).faultRate(Fault.SLOW_BODY, 0.01)
        // A slow body pauses 1 s after every 64 bytes: at least 5 s for the documents this seed slows (the smallest
        // kind, a 370-byte proxy page, pauses five times), always over the 3 s request timeout, which a healthy
        // request (a few ms here) stays far under even on a loaded machine three times slower than this one.
        .slowBody(64, Duration.ofSeconds(1)).retryAfterSeconds(0)
        .permanentFaultShare(0.2)
        .malformedRate(0.08)
        .build();
    try (IotApiSimulator api = IotApiSimulator.start(options)) {
      Expected expected = expected(api, 0, 1500);
      IngestResult result = run(request(api, "\"range\":{\"from\":0,\"to\":1500}",
          ",\"concurrency\":48,\"requestTimeoutMs\":3000,\"maxAttempts\":3"), noHurry(), "r2");

      assertThat(result.valid()).as("failed: %s", result.failedByReason()).isEqualTo(expected.valid());
      assertThat(result.failedCount()).isEqualTo(expected.failedIds().size());
      assertThat(result.failedIds()).containsExactlyInAnyOrderElementsOf(expected.failedIds());
      assertThat(result.retried()).isPositive();
      assertThat(result.fetched() + result.failedCount() + result.pending()).isEqualTo(1500);
      assertThat(result.rejected().values().stream().mapToLong(Long::longValue).sum())
          .isEqualTo(expected.rejected().values().stream().mapToLong(Long::longValue).sum());
      assertThat(parquetCountAndSum(result.keys())).containsExactly(expected.valid(), expected.sum().toString());

      // Every malformed document is kept, with a reason that matches how it was broken.
      String rejectedKey = result.keys().stream().filter(k -> k.endsWith("-rejected.jsonl")).findFirst().orElseThrow();
      List<JsonNode> lines = jsonLines(rejectedKey);
      assertThat(lines).hasSize((int) (result.fetched() - result.valid()));
      for (JsonNode line : lines) {
        Expectation e = api.expected(DEVICE, Long.parseLong(line.get("id").asText()));
        Malformation kind = ((Document.Malformed) e.document()).kind();
        assertThat(REASONS.get(kind)).as(kind + ": " + line).contains(line.get("reason").asText());
        assertThat(line.has("body") || line.has("bodyBase64")).isTrue();
      }
      String failedKey = result.keys().stream().filter(k -> k.endsWith("-failed.jsonl")).findFirst().orElseThrow();
      assertThat(jsonLines(failedKey)).hasSize(expected.failedIds().size())
          .allSatisfy(line -> assertThat(line.get("attempts").asInt()).isEqualTo(3));
    }
  }

  @Test
  void stopsAtTheDeadlineAndASecondCallWithTheTokenFinishesWithoutGapsOrDuplicates() throws Exception {
    // A call given three times what publishing a megabyte costs here (measured), at least a second, and work for twice
    // that long at 16 in flight: it has time to fetch, and must stop early.
    Duration reserve = costs.reserve(Backlog.NOTHING.plusEncoding(1 << 20).plusUpload(1 << 20).plusRequests(3));
    Duration budget = reserve.multipliedBy(3).compareTo(Duration.ofSeconds(1)) > 0 ? reserve.multipliedBy(3)
        : Duration.ofSeconds(1);
    int documents = 3000;
    Duration latency = budget.multipliedBy(2 * 16).dividedBy(documents);
    IotApiSimulator.Options options = IotApiSimulator.Options.builder().seed(5)
        .latency(latency, Duration.ZERO).malformedRate(0.05).build();
    try (IotApiSimulator api = IotApiSimulator.start(options)) {
      Expected expected = expected(api, 0, documents);
      IngestRequest first = request(api, "\"range\":{\"from\":0,\"to\":3000}", ",\"concurrency\":16");
      IngestResult stopped = run(first, Deadline.after(budget), "r3");

      assertThat(stopped.resume()).isNotNull();
      assertThat(stopped.pending()).isPositive();
      assertThat(stopped.fetched() + stopped.failedCount() + stopped.pending()).isEqualTo(documents);

      IngestRequest second = request(api, "\"range\":{\"from\":0,\"to\":3000}",
          ",\"concurrency\":16,\"resume\":\"" + stopped.resume() + "\"");
      IngestResult finished = run(second, noHurry(), "ignored-when-resuming");

      assertThat(finished.resume()).isNull();
      assertThat(finished.requested()).isEqualTo(stopped.pending());
      assertThat(finished.keys()).allMatch(k -> k.startsWith("test/r3/00002"));
      assertThat(stopped.valid() + finished.valid()).isEqualTo(expected.valid());
      List<String> keys = new ArrayList<>(stopped.keys());
      keys.addAll(finished.keys());
      assertThat(parquetCountAndSum(keys)).containsExactly(expected.valid(), expected.sum().toString());
      assertThat(api.ledger().documentsRequested()).isEqualTo(documents); // every id asked for, none forgotten
    }
  }

  @Test
  void aMissingBucketFailsTheCallWithItsCauseBeforeAnyDocumentIsFetched() throws Exception {
    try (IotApiSimulator api = IotApiSimulator.start(IotApiSimulator.Options.builder().seed(13).build())) {
      IngestRequest request = IngestRequest.parse(("{\"urlTemplate\":\""
          + api.urlTemplate().replace("{device}", DEVICE).replace("{seq}", "{id}")
          + "\",\"bucket\":\"no-such-bucket\",\"range\":{\"from\":0,\"to\":50000},\"concurrency\":16}")
          .getBytes(StandardCharsets.UTF_8));

      assertThatThrownBy(() -> run(request, noHurry(), "r5"))
          .isInstanceOf(NoSuchBucketException.class);
      assertThat(api.ledger().documentsRequested()).isZero();
    }
  }

  private List<JsonNode> jsonLines(String key) throws Exception {
    String text = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  @Test
  void theHandlerAnswersWithTheResultDocument() throws Exception {
    try (IotApiSimulator api = IotApiSimulator.start(IotApiSimulator.Options.builder().seed(3).build())) {
      IngestRequest request = request(api, "\"ids\":[\"1\",\"2\",\"3\"]", "");
      IngestResult result = run(request, noHurry(), "r4");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      result.writeTo(out);
      JsonNode json = JSON.readTree(out.toByteArray());
      assertThat(json.get("valid").asLong()).isEqualTo(3);
      assertThat(json.get("keys").get(0).asText()).isEqualTo("test/r4/00001.parquet");
      assertThat(json.get("resume").isNull()).isTrue();
      assertThat(json.get("failed").get("count").asLong()).isZero();
    }
  }
}
