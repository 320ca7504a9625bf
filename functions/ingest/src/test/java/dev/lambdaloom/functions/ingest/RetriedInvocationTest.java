package dev.lambdaloom.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.services.iot.Document;
import dev.lambdaloom.services.iot.Expectation;
import dev.lambdaloom.services.iot.Fault;
import dev.lambdaloom.services.iot.IotApiSimulator;
import dev.lambdaloom.services.s3.S3Server;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.lambdaloom.snapstart.RestorableCredentials;
import dev.lambdaloom.snapstart.SnapStartHooks;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The handler as Lambda calls it, with a request id, against the real S3 server and the IoT API simulator: an
 * invocation that fails while publishing and is retried with the same request id (as Lambda retries an
 * asynchronous event) ends with exactly one set of objects.
 */
class RetriedInvocationTest {
  private static final String BUCKET = "retries";
  private static final String DEVICE = "dev-r";
  private static final int DOCUMENTS = 600;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static S3Server server;
  private static S3Client s3;
  private static ScheduledExecutorService alarms;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = S3Server.start(S3Server.Options.defaults().withInitialBuckets(BUCKET));
    s3 = server.newClient();
    alarms = DocumentFetcher.newAlarms();
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    alarms.shutdownNow();
    server.close();
  }

  private static IotApiSimulator.Options someInvalidSomeFailing(long seed) {
    return IotApiSimulator.Options.builder().seed(seed)
        .malformedRate(0.1)
        .faultRate(Fault.HTTP_500, 0.05).permanentFaultShare(1.0)
        .build();
  }

  private static String event(IotApiSimulator api, String keyPrefix) {
    String template = api.urlTemplate().replace("{device}", DEVICE).replace("{seq}", "{id}");
    return "{\"urlTemplate\":\"" + template + "\",\"keyPrefix\":\"" + keyPrefix + "\","
        + "\"range\":{\"from\":0,\"to\":" + DOCUMENTS + "},\"concurrency\":32,\"maxAttempts\":2}";
  }

  private static JsonNode invoke(IngestHandler handler, String event, String requestId) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
        InvocationContext.of(requestId, Duration.ofMinutes(5)));
    return JSON.readTree(out.toByteArray());
  }

  private static IngestHandler handler(S3Client client) {
    PublishCosts costs = new PublishCosts(1.0, PublishCosts.CpuCosts.UNKNOWN);
    return new IngestHandler(new IngestHandler.ContainerState(client, alarms, costs),
        Map.of(IngestRequest.BUCKET_VARIABLE, BUCKET));
  }

  private static Set<String> keysUnder(String prefix) {
    Set<String> keys = new HashSet<>();
    s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key)
        .forEach(keys::add);
    return keys;
  }

  private static String keyOf(SdkRequest request) {
    return request.getValueForField("Key", String.class).orElse("");
  }

  /** The SnapStart hooks driven directly, as a CRaC JVM would around a snapshot, then a real invocation. */
  @Test
  void ingestsForRealAfterSnapStartHooksRunTwiceAndARestoreWithoutCheckpoint() throws Exception {
    Map<String, String> environment = Map.of("PRIME_ON_INIT", "true", IngestRequest.BUCKET_VARIABLE, BUCKET);
    SnapStartHooks hooks = IngestHandler.snapStart(environment, alarms, RestorableCredentials.from(() -> environment));
    hooks.afterRestore(null);
    hooks.beforeCheckpoint(null);
    hooks.beforeCheckpoint(null);
    hooks.afterRestore(null);
    hooks.afterRestore(null);
    try (IotApiSimulator api = IotApiSimulator.start(IotApiSimulator.Options.builder().seed(33).build())) {
      JsonNode result = invoke(handler(s3), event(api, "snapstart/"), "request-3");

      assertThat(result.get("valid").asLong()).isEqualTo(DOCUMENTS);
      assertThat(keysUnder("snapstart/")).contains("snapstart/request-3/00001" + CallOutputs.PARQUET_SUFFIX);
      assertThat(keysUnder("priming/")).as("priming wrote nothing").isEmpty();
    }
  }

  @Test
  void aRetriedInvocationOverwritesInsteadOfDuplicating() throws Exception {
    FailingS3Requests faults = FailingS3Requests.first(1, r -> keyOf(r).endsWith(CallOutputs.REJECTED_SUFFIX));
    try (IotApiSimulator api = IotApiSimulator.start(someInvalidSomeFailing(31));
        S3Client client = faults.client(server)) {
      IngestHandler handler = handler(client);
      String event = event(api, "retry/");

      assertThatThrownBy(() -> invoke(handler, event, "request-1"))
          .isInstanceOf(IOException.class).hasRootCauseInstanceOf(SdkClientException.class);
      assertThat(faults.failed()).isOne();
      assertThat(keysUnder("retry/")).as("the Parquet object goes last: nothing was published").isEmpty();

      JsonNode result = invoke(handler, event, "request-1");

      String base = "retry/request-1/00001";
      assertThat(keysUnder("retry/")).containsExactlyInAnyOrder(base + CallOutputs.PARQUET_SUFFIX,
          base + CallOutputs.REJECTED_SUFFIX, base + CallOutputs.FAILED_SUFFIX);
      assertOneCopyOfEveryDocument(api, base, result);
      assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
    }
  }

  @Test
  void aRetryDeletesWhatTheFailedAttemptLeftAndDoesNotWriteAgain() throws Exception {
    try (IotApiSimulator api = IotApiSimulator.start(IotApiSimulator.Options.builder().seed(32).build())) {
      // What an earlier attempt of the same call left: a rejected-records object this attempt will not write (the
      // API serves no invalid document), and an object of another name under the same prefix, which is not the call's.
      String base = "leftovers/request-2/00001";
      s3.putObject(b -> b.bucket(BUCKET).key(base + CallOutputs.REJECTED_SUFFIX), RequestBody.fromString("{\"id\":\"1\"}\n"));
      s3.putObject(b -> b.bucket(BUCKET).key(base + "-notes.txt"), RequestBody.fromString("kept"));

      JsonNode result = invoke(handler(s3), event(api, "leftovers/"), "request-2");

      assertThat(result.get("valid").asLong()).isEqualTo(DOCUMENTS);
      assertThat(keysUnder("leftovers/")).containsExactlyInAnyOrder(base + CallOutputs.PARQUET_SUFFIX,
          base + "-notes.txt");
    }
  }

  /** Every document is in exactly one place: a Parquet row, a rejected record or a failed record. */
  private void assertOneCopyOfEveryDocument(IotApiSimulator api, String base, JsonNode result) throws Exception {
    long valid = 0;
    BigInteger sum = BigInteger.ZERO;
    Set<String> malformed = new HashSet<>();
    Set<String> failing = new HashSet<>();
    for (long seq = 0; seq < DOCUMENTS; seq++) {
      Expectation e = api.expected(DEVICE, seq);
      if (e.faultsForever()) {
        failing.add(Long.toString(seq));
      } else if (e.document() instanceof Document.Valid v) {
        valid++;
        sum = sum.add(BigInteger.valueOf(v.valueSum()));
      } else {
        malformed.add(Long.toString(seq));
      }
    }
    assertThat(malformed).isNotEmpty();
    assertThat(failing).isNotEmpty();
    assertThat(result.get("valid").asLong()).isEqualTo(valid);

    Path parquet = dir.resolve("retried.parquet");
    Files.write(parquet, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(base + CallOutputs.PARQUET_SUFFIX)).asByteArray());
    try (DuckDb duckDb = new DuckDb()) {
      assertThat(duckDb.row("SELECT count(*), CAST(sum(list_sum(values)) AS VARCHAR) FROM read_parquet("
          + DuckDb.literal(parquet) + ")")).containsExactly(valid, sum.toString());
    }
    List<String> rejectedIds = ids(base + CallOutputs.REJECTED_SUFFIX);
    List<String> failedIds = ids(base + CallOutputs.FAILED_SUFFIX);
    assertThat(rejectedIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(malformed);
    assertThat(failedIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(failing);
    assertThat(valid + rejectedIds.size() + failedIds.size()).isEqualTo(DOCUMENTS);
  }

  private static List<String> ids(String key) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String line : s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String().split("\n")) {
      ids.add(JSON.readTree(line).get("id").asText());
    }
    return ids;
  }
}
