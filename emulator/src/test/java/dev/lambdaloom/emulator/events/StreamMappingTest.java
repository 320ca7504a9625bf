package dev.lambdaloom.emulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.api.InvokeApiServer;
import dev.lambdaloom.emulator.fixtures.FixtureCode;
import dev.lambdaloom.emulator.fixtures.FixtureCosts;
import dev.lambdaloom.emulator.fixtures.Poll;
import dev.lambdaloom.services.dynamodb.DynamoDbClients;
import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import dev.lambdaloom.services.s3.S3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * DynamoDB stream mappings against DynamoDB Local's own streams, a real function in the emulator and a real S3 server
 * for the failure destination: what Lambda documents for streams, record by record.
 */
class StreamMappingTest {
  private static final String BUCKET = "failures";

  @TempDir
  static Path dir;

  private static DynamoDbLocal dynamodb;
  private static DynamoDbClient tables;
  private static S3Server s3Server;
  private static S3Client s3;

  @BeforeAll
  static void startServices() throws Exception {
    dynamodb = DynamoDbLocal.start();
    tables = DynamoDbClients.forEndpoint(dynamodb.endpoint());
    s3Server = S3Server.start();
    s3 = S3Client.builder().endpointOverride(java.net.URI.create(s3Server.endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .httpClient(UrlConnectionHttpClient.create()).build();
    s3.createBucket(b -> b.bucket(BUCKET));
    FixtureCode.archive(dir.resolve("fixture.zip"));
  }

  @AfterAll
  static void stopServices() throws Exception {
    s3.close();
    s3Server.close();
    tables.close();
    dynamodb.close();
  }

  /** One table, one function with one DynamoDB event of {@code properties}, running until the test closes it. */
  private record Run(String table, Path recordLog, Emulator emulator, EventSources sources) implements AutoCloseable {
    EventSourceMapping mapping() {
      return sources.mappings().getFirst();
    }

    List<String[]> done() throws IOException {
      if (!Files.exists(recordLog)) {
        return List.of();
      }
      return Files.readAllLines(recordLog).stream().map(l -> l.split(" ")).toList();
    }

    @Override
    public void close() {
      sources.close();
      emulator.close();
    }
  }

  private static Run run(String table, String properties) throws IOException {
    tables.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    Path runDir = Files.createDirectories(dir.resolve(table));
    Path recordLog = runDir.resolve("records.log");
    Path template = MappingFixture.template(runDir, """
          Table:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName: %s
        """.formatted(table), "Audit", "DynamoDB", "!GetAtt Table.StreamArn", recordLog,
        "StartingPosition: TRIM_HORIZON\n" + properties);
    MappingFixture fixture = MappingFixture.start(template,
        SourceEndpoints.none().withDynamodb(dynamodb.endpoint()).withS3(java.net.URI.create(s3Server.endpoint())));
    return new Run(table, recordLog, fixture.emulator(), fixture.sources());
  }

  private static void put(String table, String pk, int version, String action) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", AttributeValue.fromS(pk));
    item.put("v", AttributeValue.fromN(Integer.toString(version)));
    item.put("action", AttributeValue.fromS(action));
    tables.putItem(b -> b.tableName(table).item(item));
  }

  private static Duration patience(int invocations) {
    // Each invocation may start a container: a cold start, measured on this machine, bounds it.
    return Duration.ofSeconds(30L + (long) invocations * FixtureCosts.measured().roomyTimeoutSeconds());
  }

  private static void awaitSettled(Run run, int records) throws InterruptedException {
    Poll.until(() -> {
      MappingCounters c = run.mapping().status().counters();
      return c.recordsDone() + c.recordsFilteredOut() >= records && run.mapping().status().lag() == 0;
    }, patience(records), records + " records done by " + run.table());
  }

  /**
   * The failure records the run's mapping wrote to the bucket: every test's function has the same name and event, so
   * the same mapping id; the records of this run are those of its table's stream.
   */
  private static List<JsonNode> failureRecords(Run run) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)
        .prefix("aws/lambda/" + run.mapping().config().uuid() + "/")).contents()) {
      JsonNode record = Json.MAPPER.readTree(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(object.key()))
          .asByteArray());
      if (record.at("/DDBStreamBatchInfo/streamArn").asText().contains(":table/" + run.table() + "/stream/")) {
        records.add(record);
      }
    }
    return records;
  }

  /** Per key, each version applied only after the one before it: order per key, whatever the lanes did. */
  private static void assertOrderPerKey(List<String[]> done) {
    Map<String, Integer> highest = new LinkedHashMap<>();
    for (String[] line : done) {
      int version = Integer.parseInt(line[2]);
      int before = highest.getOrDefault(line[1], 0);
      assertThat(version).as("version of %s after %s", line[1], before).isLessThanOrEqualTo(before + 1);
      highest.put(line[1], Math.max(before, version));
    }
  }

  @Test
  void deliversEveryRecordOnceAndInOrderPerKeyAcrossParallelLanes() throws Exception {
    try (Run run = run("ordered", """
        BatchSize: 7
        ParallelizationFactor: 4
        """)) {
      for (int version = 1; version <= 5; version++) {
        for (int key = 0; key < 12; key++) {
          put("ordered", "k" + key, version, "ok");
        }
      }
      awaitSettled(run, 60);
      List<String[]> done = run.done();
      assertThat(done).hasSize(60);
      assertThat(done.stream().map(l -> l[1] + "/" + l[2]).distinct()).hasSize(60);
      assertOrderPerKey(done);
      MappingStatus status = run.mapping().status();
      assertThat(status.state()).isEqualTo(MappingState.ENABLED);
      assertThat(status.positions().values()).allMatch(p -> !p.isEmpty());
      assertThat(status.counters().retries()).isZero();
    }
  }

  @Test
  void poisonRecordIsBisectedRetriedAndDescribedToTheS3DestinationAlone() throws Exception {
    try (Run run = run("poison", """
        BatchSize: 20
        BisectBatchOnFunctionError: true
        MaximumRetryAttempts: 1
        DestinationConfig:
          OnFailure:
            Destination: arn:aws:s3:::failures
        """)) {
      for (int key = 0; key < 16; key++) {
        put("poison", "k" + key, 1, key == 9 ? "throw" : "ok");
      }
      awaitSettled(run, 16);
      List<String[]> done = run.done();
      assertThat(done.stream().map(l -> l[1]).distinct().sorted())
          .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 16).filter(k -> k != 9)
              .mapToObj(k -> "k" + k).toList());
      List<JsonNode> records = failureRecords(run);
      assertThat(records).hasSize(1);
      JsonNode record = records.getFirst();
      assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
      assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
      assertThat(record.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(1);
      JsonNode poison = record.at("/payload/Records/0/dynamodb");
      assertThat(poison.at("/Keys/pk/S").asText()).isEqualTo("k9");
      assertThat(record.at("/DDBStreamBatchInfo/startSequenceNumber").asText())
          .isEqualTo(poison.at("/SequenceNumber").asText());
      assertThat(run.mapping().status().counters().recordsToDestination()).isEqualTo(1);
    }
  }

  @Test
  void reportedItemFailureRetriesFromThatRecordAndNeverRedeliversTheOnesBefore() throws Exception {
    try (Run run = run("partial", """
        BatchSize: 10
        MaximumBatchingWindowInSeconds: 2
        MaximumRetryAttempts: 2
        FunctionResponseTypes: [ReportBatchItemFailures]
        """)) {
      for (int key = 0; key < 6; key++) {
        put("partial", "k" + key, 1, key == 3 ? "fail-item" : "ok");
      }
      awaitSettled(run, 6);
      List<String[]> done = run.done();
      // k0..k2 came before the failed record: checkpointed after the first invocation, never sent again. The rest
      // (k3 onwards) was retried twice and then given up with the failed record: no destination, discarded.
      assertThat(done.stream().map(l -> l[1]).toList()).containsExactly("k0", "k1", "k2");
      MappingCounters counters = run.mapping().status().counters();
      assertThat(counters.retries()).isEqualTo(2);
      assertThat(counters.recordsDiscarded()).isEqualTo(3);
    }
  }

  @Test
  void malformedItemFailuresFailTheWholeBatch() throws Exception {
    try (Run run = run("malformed", """
        BatchSize: 10
        MaximumBatchingWindowInSeconds: 2
        MaximumRetryAttempts: 1
        FunctionResponseTypes: [ReportBatchItemFailures]
        """)) {
      put("malformed", "k0", 1, "ok");
      put("malformed", "k1", 1, "bad-item");
      awaitSettled(run, 2);
      // The answer names no record: the whole batch failed, so k0 was sent (and applied) twice.
      assertThat(run.done().stream().map(l -> l[1]).toList()).containsExactly("k0", "k0");
      assertThat(run.mapping().status().counters().recordsDiscarded()).isEqualTo(2);
    }
  }

  @Test
  void aFunctionThatExitsMidBatchIsRetriedLikeAnError() throws Exception {
    try (Run run = run("crash", """
        BatchSize: 10
        MaximumRetryAttempts: 1
        BisectBatchOnFunctionError: true
        """)) {
      put("crash", "k0", 1, "ok");
      put("crash", "k1", 1, "exit");
      put("crash", "k2", 1, "ok");
      awaitSettled(run, 3);
      assertThat(run.done().stream().map(l -> l[1]).distinct().toList()).containsExactlyInAnyOrder("k0", "k2");
      assertThat(run.mapping().status().counters().recordsDiscarded()).isEqualTo(1);
    }
  }

  @Test
  void filterCriteriaDropsRecordsThatMatchNoPatternWithoutInvoking() throws Exception {
    try (Run run = run("filtered", """
        FilterCriteria:
          Filters:
            - Pattern: '{"dynamodb":{"NewImage":{"pk":{"S":[{"prefix":"keep"}]}}}}'
        """)) {
      put("filtered", "keep-1", 1, "ok");
      put("filtered", "drop-1", 1, "throw");
      put("filtered", "keep-2", 1, "ok");
      awaitSettled(run, 3);
      assertThat(run.done().stream().map(l -> l[1]).toList()).containsExactlyInAnyOrder("keep-1", "keep-2");
      assertThat(run.mapping().status().counters().recordsFilteredOut()).isEqualTo(1);
    }
  }

  @Test
  void theAwsSdkListsAndDescribesTheMappingsThroughTheInvokeApi() throws Exception {
    try (Run run = run("listed", """
        BatchSize: 25
        ParallelizationFactor: 3
        BisectBatchOnFunctionError: true
        FunctionResponseTypes: [ReportBatchItemFailures]
        """);
        InvokeApiServer api = InvokeApiServer.start(run.emulator(), 0, Duration.ofSeconds(10),
            () -> run.sources().mappings());
        LambdaClient lambda = LambdaClient.builder().endpointOverride(java.net.URI.create(api.endpoint()))
            .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
      put("listed", "k0", 1, "ok");
      awaitSettled(run, 1);
      List<EventSourceMappingConfiguration> listed = lambda.listEventSourceMappings(b -> b.functionName("Audit"))
          .eventSourceMappings();
      assertThat(listed).hasSize(1);
      EventSourceMappingConfiguration mapping = listed.getFirst();
      assertThat(mapping.eventSourceArn()).isEqualTo(
          "arn:aws:dynamodb:us-east-1:123456789012:table/listed/stream/1970-01-01T00:00:00.000");
      assertThat(mapping.batchSize()).isEqualTo(25);
      assertThat(mapping.parallelizationFactor()).isEqualTo(3);
      assertThat(mapping.bisectBatchOnFunctionError()).isTrue();
      assertThat(mapping.functionResponseTypesAsStrings()).containsExactly("ReportBatchItemFailures");
      assertThat(mapping.state()).isEqualTo("Enabled");
      assertThat(mapping.lastProcessingResult()).isEqualTo("OK");
      GetEventSourceMappingResponse got = lambda.getEventSourceMapping(b -> b.uuid(mapping.uuid()));
      assertThat(got.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:Audit");
      assertThat(lambda.listEventSourceMappings(b -> b.functionName("Other")).eventSourceMappings()).isEmpty();
      assertThatThrownBy(() -> lambda.getEventSourceMapping(b -> b.uuid("00000000-0000-0000-0000-000000000000")))
          .isInstanceOf(ResourceNotFoundException.class);
    }
  }

  @Test
  void aFunctionThatTimesOutMidBatchFailsTheWholeBatch() throws Exception {
    try (Run run = run("timeout", """
        BatchSize: 10
        MaximumBatchingWindowInSeconds: 2
        MaximumRetryAttempts: 0
        DestinationConfig:
          OnFailure:
            Destination: arn:aws:s3:::failures
        """)) {
      put("timeout", "k0", 1, "ok");
      put("timeout", "k1", 1, "hang");
      put("timeout", "k2", 1, "ok");
      awaitSettled(run, 3);
      // DynamoDB Local may have put the records in more than one shard: one record per shard's failed batch.
      int described = 0;
      for (JsonNode record : failureRecords(run)) {
        described += record.at("/DDBStreamBatchInfo/batchSize").asInt();
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
      }
      // The timeout failed its batch as a whole, k0 included when it was in that batch: all three given up, none
      // retried (MaximumRetryAttempts 0) unless its own batch succeeded.
      assertThat(described).isBetween(1, 3);
      assertThat(run.mapping().status().counters().recordsToDestination()).isEqualTo(described);
      assertThat(run.mapping().status().counters().retries()).isZero();
      assertThat(run.done().stream().map(l -> l[1])).doesNotContain("k1");
    }
  }

  @Test
  void batchesStayWithinTheSixMegabytePayloadLimit() throws Exception {
    try (Run run = run("large", """
        BatchSize: 100
        MaximumBatchingWindowInSeconds: 2
        MaximumRetryAttempts: 0
        """)) {
      String filler = "x".repeat(350_000);
      for (int key = 0; key < 20; key++) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("k" + key));
        item.put("v", AttributeValue.fromN("1"));
        item.put("filler", AttributeValue.fromS(filler));
        tables.putItem(b -> b.tableName("large").item(item));
      }
      awaitSettled(run, 20);
      // 20 records of 350 KB are 7 MB: more than one invocation, every one accepted and every record applied.
      assertThat(run.done()).hasSize(20);
      assertThat(run.mapping().status().counters().invocations()).isGreaterThan(1);
      assertThat(run.mapping().status().counters().recordsDiscarded()).isZero();
    }
  }

  @Test
  void aMappingWhoseTableIsMissingIsLeftOutWithWhyAndTheOthersRun() throws Exception {
    Path runDir = Files.createDirectories(dir.resolve("absent"));
    Path template = MappingFixture.template(runDir, """
          Table:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName: absent
        """, "Audit", "DynamoDB", "!GetAtt Table.StreamArn", runDir.resolve("records.log"),
        "StartingPosition: TRIM_HORIZON\n");
    try (MappingFixture fixture = MappingFixture.start(template,
        SourceEndpoints.none().withDynamodb(dynamodb.endpoint()))) {
      assertThat(fixture.sources().mappings()).isEmpty();
      assertThat(fixture.sources().skipped()).singleElement().asString()
          .startsWith("Audit.Source (DynamoDB absent): ").contains("absent");
    }
  }

  @Test
  void disabledMappingReadsNothing() throws Exception {
    try (Run run = run("disabled", """
        Enabled: false
        """)) {
      put("disabled", "k0", 1, "ok");
      assertThat(run.mapping().status().state()).isEqualTo(MappingState.DISABLED);
      assertThat(run.mapping().status().counters()).isEqualTo(MappingCounters.ZERO);
      assertThat(new ArrayList<>(run.mapping().status().positions().keySet())).isEmpty();
    }
  }
}
