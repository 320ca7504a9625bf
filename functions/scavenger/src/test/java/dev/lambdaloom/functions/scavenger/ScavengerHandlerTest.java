package dev.lambdaloom.functions.scavenger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import dev.lambdaloom.core.InvalidSettingException;
import dev.lambdaloom.core.RetryPolicy;
import dev.lambdaloom.loopback.LoopbackHttpServer;
import dev.lambdaloom.services.dynamodb.DynamoDbClients;
import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import dev.lambdaloom.services.dynamodb.SeedPlan;
import dev.lambdaloom.services.dynamodb.SharedDynamoDbLocal;
import dev.lambdaloom.services.dynamodb.ThrottlingProxy;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The handler's path, in-process against DynamoDB Local: what it refuses before sending anything, which failures stop
 * it (an exception, so that Lambda reports an error and a loop "until done" ends) and which end it with a resume.
 */
@ExtendWith(SharedDynamoDbLocal.class)
class ScavengerHandlerTest {
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static final Duration LONG_ENOUGH = Duration.ofMinutes(2);
  private static DynamoDbLocal dynamo;

  @BeforeAll
  static void start(DynamoDbLocal shared) {
    dynamo = shared;
  }

  private static SeedPlan plan(int items) {
    return new SeedPlan("Handler" + TABLES.incrementAndGet(), items, 0.9, 2, TABLES.get(), Instant.now());
  }

  private static ScavengerHandler handler(DynamoDbClient client, Map<String, String> environment, RetryPolicy retries) {
    CpuShare cpu = CpuShare.of(environment);
    return new ScavengerHandler(client, environment, cpu, new MeasuredCosts(cpu), retries);
  }

  private static ScavengerHandler handler(DynamoDbClient client, String table) {
    return handler(client, Map.of("TABLE_NAME", table, "TOTAL_SEGMENTS", "3"), Scavenger.RETRIES);
  }

  /** A client of {@code endpoint} that counts the requests it puts on the wire. */
  private static DynamoDbClient counting(URI endpoint, AtomicInteger sent) {
    ExecutionInterceptor counter = new ExecutionInterceptor() {
      @Override
      public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        sent.incrementAndGet();
      }
    };
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("lambdaloom", "lambdaloom")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(counter))
        .build();
  }

  private static long count(String table) {
    long items = 0;
    for (var page : dynamo.client().scanPaginator(b -> b.tableName(table).select(Select.COUNT))) items += page.count();
    return items;
  }

  private static void assertUntouched(WorkerTableFixture table) {
    assertThat(count(table.plan().table())).isEqualTo(table.plan().total());
    assertThat(WorkerTableFixture.snapshot(dynamo.client(), table.plan().table())).isEqualTo(table.before());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "yes", "on", "TRUE "})
  void aDryRunItCannotReadIsRefusedBeforeAnyRequestAndDeletesNothing(String dryRun) throws Exception {
    WorkerTableFixture table = WorkerTableFixture.seed(dynamo.client(), plan(600));
    AtomicInteger sent = new AtomicInteger();
    try (DynamoDbClient client = counting(dynamo.endpoint(), sent)) {
      ScavengerHandler handler = handler(client, table.plan().table());

      assertThatThrownBy(() -> handler.handleRequest(Map.of("dryRun", dryRun),
          InvocationContext.withTimeout(LONG_ENOUGH)))
          .isInstanceOf(InvalidSettingException.class)
          .hasMessageContaining("dryRun (from the event) must be true or false, not '" + dryRun + "'");
    }
    assertThat(sent).as("requests sent").hasValue(0);
    assertUntouched(table);
  }

  @Test
  void aDryRunVariableItCannotReadIsRefusedBeforeAnyRequestAndDeletesNothing() throws Exception {
    WorkerTableFixture table = WorkerTableFixture.seed(dynamo.client(), plan(600));
    AtomicInteger sent = new AtomicInteger();
    try (DynamoDbClient client = counting(dynamo.endpoint(), sent)) {
      ScavengerHandler handler = handler(client, Map.of("TABLE_NAME", table.plan().table(), "DRY_RUN", "1"),
          Scavenger.RETRIES);

      assertThatThrownBy(() -> handler.handleRequest(Map.of(), InvocationContext.withTimeout(LONG_ENOUGH)))
          .isInstanceOf(InvalidSettingException.class)
          .hasMessageContaining("DRY_RUN (from the environment) must be true or false, not '1'");
    }
    assertThat(sent).hasValue(0);
    assertUntouched(table);
  }

  /** The other side of the two tests above: through the same path, the exact words do what they say. */
  @Test
  void theExactWordsTrueAndFalseDoWhatTheySay() throws Exception {
    WorkerTableFixture table = WorkerTableFixture.seed(dynamo.client(), plan(600));
    ScavengerHandler handler = handler(dynamo.client(), table.plan().table());

    Map<String, Object> dry = handler.handleRequest(Map.of("dryRun", "true"), InvocationContext.withTimeout(LONG_ENOUGH));
    assertThat(dry).containsEntry("dryRun", true).containsEntry("deleted", 0L).containsEntry("done", true);
    assertUntouched(table);

    Map<String, Object> real = handler.handleRequest(Map.of("dryRun", "false"), InvocationContext.withTimeout(LONG_ENOUGH));
    assertThat(real).containsEntry("dryRun", false).containsEntry("deleted", (long) table.plan().expired());
    table.assertOnlyExpiredItemsGone();
  }

  @Test
  void aMalformedResumeIsRefusedBeforeAnyRequestNotTakenAsAFreshStart() throws Exception {
    WorkerTableFixture table = WorkerTableFixture.seed(dynamo.client(), plan(600));
    AtomicInteger sent = new AtomicInteger();
    try (DynamoDbClient client = counting(dynamo.endpoint(), sent)) {
      ScavengerHandler handler = handler(client, table.plan().table());

      for (Object resume : List.of("", Map.of(), Map.of("totalSegments", "3", "segments", List.of()),
          Map.of("totalSegments", 3, "segments", List.of(Map.of("segment", 0, "after", Map.of()))))) {
        assertThatThrownBy(() -> handler.handleRequest(Map.of("resume", resume),
            InvocationContext.withTimeout(LONG_ENOUGH)))
            .isInstanceOf(InvalidSettingException.class)
            .hasMessageContaining("resume");
      }
    }
    assertThat(sent).hasValue(0);
    assertUntouched(table);
  }

  @Test
  void aMissingTableFailsTheInvocationWithItsCauseInsteadOfReturningAResume() {
    ScavengerHandler handler = handler(dynamo.client(), "NoSuchTable");

    assertThatThrownBy(() -> handler.handleRequest(Map.of(), InvocationContext.withTimeout(LONG_ENOUGH)))
        .isInstanceOf(ScavengeFailedException.class)
        .hasMessageContaining("scavenging NoSuchTable failed")
        .hasRootCauseInstanceOf(ResourceNotFoundException.class)
        .cause().isInstanceOf(ResourceNotFoundException.class);
  }

  /** A resume the scan cannot use (the table's key is not the worker table's): DynamoDB's ValidationException. */
  @Test
  void aValidationErrorFailsTheInvocation() {
    String table = "NotWorkers" + TABLES.incrementAndGet();
    dynamo.client().createTable(b -> b.tableName(table)
        .keySchema(k -> k.attributeName("Id").keyType(KeyType.HASH))
        .attributeDefinitions(a -> a.attributeName("Id").attributeType(ScalarAttributeType.S))
        .billingMode("PAY_PER_REQUEST"));
    Map<String, Object> resume = Map.of("totalSegments", 3, "segments", List.of(Map.of("segment", 1,
        "after", Map.of("WorkerId", Map.of("N", "7"), "StartTime", Map.of("S", "2021-02-02T00:00:00Z")))));

    assertThatThrownBy(() -> handler(dynamo.client(), table).handleRequest(Map.of("resume", resume),
        InvocationContext.withTimeout(LONG_ENOUGH)))
        .isInstanceOf(ScavengeFailedException.class)
        .cause().isInstanceOfSatisfying(AwsServiceException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
  }

  /** What an endpoint that is not DynamoDB, or a DynamoDB that denies access, answers: a 4xx, never worth retrying. */
  @ParameterizedTest
  @ValueSource(ints = {403, 404})
  void aPermanentAnswerFromTheEndpointFailsTheInvocationAtOnce(int status) throws Exception {
    AtomicInteger answered = new AtomicInteger();
    try (LoopbackHttpServer endpoint = LoopbackHttpServer.start(0, 0, Map.of("/", exchange -> {
      answered.incrementAndGet();
      answer(exchange, status, status == 403
          ? "{\"__type\":\"com.amazon.coral.service#AccessDeniedException\",\"Message\":\"not authorized\"}"
          : "<html>Not Found</html>");
    })); DynamoDbClient client = DynamoDbClients.forEndpoint(URI.create(endpoint.baseUrl()))) {
      assertThatThrownBy(() -> handler(client, "Workers").handleRequest(Map.of(),
          InvocationContext.withTimeout(LONG_ENOUGH)))
          .isInstanceOf(ScavengeFailedException.class)
          .cause().isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            if (status == 403) assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
          });
      assertThat(answered.get()).as("one request per segment, none retried").isBetween(1, 3);
    }
  }

  @Test
  void aServerErrorThatOutlastsEveryRetryFailsTheInvocation() throws Exception {
    AtomicInteger answered = new AtomicInteger();
    try (LoopbackHttpServer endpoint = LoopbackHttpServer.start(0, 0, Map.of("/", exchange -> {
      answered.incrementAndGet();
      answer(exchange, 500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"x\"}");
    })); DynamoDbClient client = DynamoDbClients.forEndpoint(URI.create(endpoint.baseUrl()))) {
      RetryPolicy threeQuickAttempts = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1));
      ScavengerHandler handler = handler(client, Map.of("TABLE_NAME", "Workers", "TOTAL_SEGMENTS", "1"),
          threeQuickAttempts);

      assertThatThrownBy(() -> handler.handleRequest(Map.of(), InvocationContext.withTimeout(LONG_ENOUGH)))
          .isInstanceOf(ScavengeFailedException.class)
          .cause().isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
      assertThat(answered).hasValue(3);
    }
  }

  /** The same server errors, but the deadline comes before the attempts run out: a stop at the deadline. */
  @Test
  void aServerErrorStillBeingRetriedAtTheDeadlineEndsWithAResume() throws Exception {
    try (LoopbackHttpServer endpoint = LoopbackHttpServer.start(0, 0, Map.of("/", exchange ->
        answer(exchange, 500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"x\"}")));
        DynamoDbClient client = DynamoDbClients.forEndpoint(URI.create(endpoint.baseUrl()))) {
      // Attempts cannot run out in a few seconds: past the fifth retry every wait is up to 2 s.
      RetryPolicy patient = new RetryPolicy(1_000, Duration.ofMillis(25), Duration.ofSeconds(2));
      ScavengerHandler handler = handler(client, Map.of("TABLE_NAME", "Workers", "TOTAL_SEGMENTS", "2"), patient);

      Map<String, Object> response = handler.handleRequest(Map.of(), InvocationContext.withTimeout(Duration.ofSeconds(3)));

      assertThat(response).containsEntry("stoppedBy", "deadline").containsEntry("done", false);
      assertThat(Resume.fromJson(response.get("resume"))).isEqualTo(Resume.fromStart(2));
    }
  }

  /**
   * Throttling that outlasts its retries (here: a single attempt) ends the invocation with a resume, as the deadline
   * does; invoked again and again with it, the scavenger finishes the table exactly.
   */
  @Test
  void throttlingThatOutlastsItsRetriesEndsWithAResumeAndTheLoopFinishesTheTable() throws Exception {
    WorkerTableFixture table = WorkerTableFixture.seed(dynamo.client(), plan(3_000));
    ThrottlingProxy.Faults faults = new ThrottlingProxy.Faults(Set.of("Scan", "BatchExecuteStatement"), 3, true);
    List<Map<String, Object>> responses = new ArrayList<>();
    try (ThrottlingProxy proxy = ThrottlingProxy.start(dynamo.endpoint(), faults);
        DynamoDbClient throttled = DynamoDbClients.forEndpoint(proxy.endpoint())) {
      ScavengerHandler handler = handler(throttled, Map.of("TABLE_NAME", table.plan().table(), "TOTAL_SEGMENTS", "3",
          "PAGE_SIZE", "200"), new RetryPolicy(1, Duration.ZERO, Duration.ZERO));
      Map<String, Object> event = new HashMap<>();
      do {
        Map<String, Object> response = handler.handleRequest(event, InvocationContext.withTimeout(LONG_ENOUGH));
        responses.add(response);
        event.put("resume", response.get("resume"));
        assertThat(responses).hasSizeLessThan(200);
      } while (event.get("resume") != null);
      assertThat(proxy.throttled()).isPositive();
    }

    assertThat(responses.getFirst()).containsEntry("stoppedBy", "throttling").containsEntry("done", false);
    assertThat(responses.subList(0, responses.size() - 1)).allSatisfy(r -> assertThat(r)
        .containsEntry("stoppedBy", "throttling"));
    assertThat(responses.getLast()).containsEntry("stoppedBy", "completed").containsEntry("done", true);
    assertThat(responses.stream().mapToLong(r -> (Long) r.get("deleted")).sum()).isEqualTo(table.plan().expired());
    assertThat(responses.stream().mapToLong(r -> (Long) r.get("failed")).sum()).isZero();
    table.assertOnlyExpiredItemsGone();
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }
}
