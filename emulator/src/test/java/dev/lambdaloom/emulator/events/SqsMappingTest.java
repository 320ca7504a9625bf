package dev.lambdaloom.emulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.fixtures.FixtureCode;
import dev.lambdaloom.emulator.fixtures.FixtureCosts;
import dev.lambdaloom.emulator.fixtures.Poll;
import dev.lambdaloom.emulator.fixtures.SqsBatchHandler;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.services.sqs.ElasticMqServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SQS mappings against a real ElasticMQ and a real function in the emulator ({@link SqsBatchHandler}, which logs each
 * record it gets and fails the ones its body asks for). The function runs warm in two containers, so the queues'
 * visibility timeout (how long a failed batch takes to come back) is derived from a measured first call, not guessed.
 */
class SqsMappingTest {
  private static final String FUNCTION = "Consumer";
  @TempDir static Path dir;
  private static ElasticMqServer server;
  private static SqsClient sqs;
  private static Emulator emulator;
  private static Path logs;
  private static int visibilitySeconds;
  private static Duration patience;

  @BeforeAll
  static void start() throws Exception {
    server = ElasticMqServer.start();
    sqs = server.newClient();
    logs = Files.createDirectories(dir.resolve("logs"));
    FixtureCode.archive(dir.resolve("fixture.zip"));
    Path template = FixtureCode.template(dir, """
          Consumer:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %s::handleRequest
              ReservedConcurrentExecutions: 2
              Environment:
                Variables:
                  FIXTURE_SQS_LOG_DIR: %s
        """.formatted(SqsBatchHandler.class.getName(), logs));
    emulator = Emulator.start(SamTemplate.load(template), EmulatorSettings.defaults(), LogSink.discard());
    // Two containers, started by two calls at once: the mappings' two pollers never wait for a cold start.
    try (ExecutorService warmers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> warm = List.of(
          warmers.submit(() -> emulator.invoke(FUNCTION, "{\"millis\":300}".getBytes(StandardCharsets.UTF_8))),
          warmers.submit(() -> emulator.invoke(FUNCTION, "{\"millis\":300}".getBytes(StandardCharsets.UTF_8))));
      for (Future<?> call : warm) {
        call.get();
      }
    }
    visibilitySeconds = FixtureCosts.measured().timeoutSecondsAtLeast(2);
    patience = Duration.ofSeconds(60L + 10L * visibilitySeconds);
  }

  @AfterAll
  static void stop() throws Exception {
    if (emulator != null) {
      emulator.close();
    }
    if (sqs != null) {
      sqs.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyMessageIsDeliveredOnceAndDeletedAfterSuccess() throws Exception {
    String queue = queue("plain", Map.of());
    for (int i = 0; i < 25; i++) {
      send(queue, "m" + i, null);
    }
    try (SqsMapping mapping = mapping(queue, Map.of("BatchSize", 10))) {
      mapping.start();
      Poll.until(() -> mapping.status().counters().recordsDone() == 25, patience, "25 messages done");
      MappingStatus status = mapping.status();
      assertThat(status.lag()).isZero();
      assertThat(status.positions()).containsEntry("queue", "0");
      assertThat(status.lastProcessingResult()).isEqualTo("OK");
      assertThat(status.counters().recordsDelivered()).isEqualTo(25);
      assertThat(status.counters().invocations()).isBetween(3L, 25L);
    }
    assertThat(deliveries(queue)).extracting(Delivery::body).containsExactlyInAnyOrderElementsOf(
        java.util.stream.IntStream.range(0, 25).mapToObj(i -> "m" + i).toList());
  }

  @Test
  void reportedFailuresAloneComeBackUntilMaxReceiveCountThenLandInTheDeadLetterQueue() throws Exception {
    String dlq = queue("partial-dlq", Map.of());
    String queue = queue("partial", Map.of(QueueAttributeName.REDRIVE_POLICY,
        "{\"maxReceiveCount\":\"3\",\"deadLetterTargetArn\":\"" + server.queueArn(dlq) + "\"}"));
    for (String body : List.of("a", "b", "fail", "c", "fail")) {
      send(queue, body, null);
    }
    try (SqsMapping mapping = mapping(queue, Map.of("FunctionResponseTypes", List.of("ReportBatchItemFailures")))) {
      mapping.start();
      Poll.until(() -> deliveries(queue).stream().filter(d -> d.body().equals("fail")).count() == 6, patience,
          "each failing message delivered three times");
      List<String> dead = drain(dlq, 2);
      assertThat(dead).containsExactly("fail", "fail");
      assertThat(mapping.status().counters().recordsDone()).isEqualTo(3);
    }
    List<Delivery> deliveries = deliveries(queue);
    assertThat(deliveries).filteredOn(d -> !d.body().equals("fail")).extracting(Delivery::body, Delivery::receiveCount)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", 1), org.assertj.core.groups.Tuple.tuple("b", 1),
            org.assertj.core.groups.Tuple.tuple("c", 1));
    assertThat(deliveries).filteredOn(d -> d.body().equals("fail")).extracting(Delivery::receiveCount)
        .containsExactlyInAnyOrder(1, 1, 2, 2, 3, 3);
  }

  @Test
  void aMalformedFailureListRetriesTheWholeBatch() throws Exception {
    for (String malformed : List.of("bad-null-once", "bad-unknown-once")) {
      String queue = queue("malformed", Map.of());
      send(queue, "neighbour", null);
      send(queue, malformed, null);
      try (SqsMapping mapping = mapping(queue, Map.of("FunctionResponseTypes", List.of("ReportBatchItemFailures"),
          "MaximumBatchingWindowInSeconds", 1))) {
        mapping.start();
        Poll.until(() -> mapping.status().counters().recordsDone() == 2, patience, "both done after a retry");
      }
      assertThat(deliveries(queue)).as(malformed).filteredOn(d -> d.body().equals("neighbour"))
          .extracting(Delivery::receiveCount).containsExactly(1, 2);
    }
  }

  @Test
  void aFunctionThatThrowsGetsTheWholeBatchAgain() throws Exception {
    String queue = queue("throwing", Map.of());
    send(queue, "neighbour", null);
    send(queue, "throw-once", null);
    try (SqsMapping mapping = mapping(queue, Map.of("MaximumBatchingWindowInSeconds", 1))) {
      mapping.start();
      Poll.until(() -> mapping.status().counters().recordsDone() == 2, patience, "both done after a retry");
      assertThat(mapping.status().counters().retries()).isPositive();
    }
    assertThat(deliveries(queue)).extracting(Delivery::body, Delivery::receiveCount).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("neighbour", 1), org.assertj.core.groups.Tuple.tuple("throw-once", 1),
        org.assertj.core.groups.Tuple.tuple("neighbour", 2), org.assertj.core.groups.Tuple.tuple("throw-once", 2));
  }

  @Test
  void messagesNoFilterMatchesAreDeletedWithoutAnInvocation() throws Exception {
    String queue = queue("filtered", Map.of());
    for (String body : List.of("{\"kind\":\"keep\",\"n\":1}", "{\"kind\":\"drop\"}", "plain text",
        "{\"kind\":\"keep\",\"n\":2}")) {
      send(queue, body, null);
    }
    try (SqsMapping mapping = mapping(queue, Map.of("FilterCriteria",
        Map.of("Filters", List.of(Map.of("Pattern", "{\"body\":{\"kind\":[\"keep\"]}}")))))) {
      mapping.start();
      Poll.until(() -> mapping.status().counters().recordsDone() == 2
          && mapping.status().counters().recordsFilteredOut() == 2, patience, "two done, two filtered out");
      assertThat(mapping.status().lag()).isZero();
    }
    assertThat(deliveries(queue)).extracting(Delivery::body)
        .containsExactlyInAnyOrder("{\"kind\":\"keep\",\"n\":1}", "{\"kind\":\"keep\",\"n\":2}");
  }

  @Test
  void aFifoGroupIsProcessedInOrderAcrossRetries() throws Exception {
    String queue = queue("ordered.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true",
        QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
    for (int i = 1; i <= 5; i++) {
      send(queue, "A" + i + (i == 2 ? " fail-once" : ""), "A");
      send(queue, "B" + i + (i == 4 ? " fail-once" : ""), "B");
    }
    try (SqsMapping mapping = mapping(queue, Map.of("FunctionResponseTypes", List.of("ReportBatchItemFailures"),
        "BatchSize", 4))) {
      mapping.start();
      Poll.until(() -> mapping.status().counters().recordsDone() == 10, patience, "ten done");
    }
    List<Delivery> deliveries = deliveries(queue);
    for (String group : List.of("A", "B")) {
      assertThat(deliveries).filteredOn(d -> d.group().equals(group) && d.ok())
          .extracting(d -> d.body().substring(0, 2))
          .as("group " + group + " done in order").containsExactly(group + 1, group + 2, group + 3, group + 4,
              group + 5);
    }
    assertThat(deliveries).filteredOn(d -> !d.ok()).isNotEmpty();
  }

  @Test
  void aFifoBatchSizeOverTenIsRefused() {
    assertThatThrownBy(() -> mapping("any.fifo", Map.of("BatchSize", 20, "MaximumBatchingWindowInSeconds", 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 10");
  }

  @Test
  void aMissingQueueFailsTheStartNamingIt() {
    SqsMapping mapping = mapping("never-created", Map.of());
    assertThatThrownBy(mapping::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("never-created does not exist");
    mapping.close();
  }

  @Test
  void closeLetsTheBatchInFlightFinishAndThenReadsNothing() throws Exception {
    String queue = queue("closing", Map.of());
    send(queue, "sleep:1500", null);
    SqsMapping mapping = mapping(queue, Map.of());
    mapping.start();
    Poll.until(() -> mapping.status().counters().invocations() == 1, patience, "the slow batch in flight");
    mapping.close();
    assertThat(mapping.status().counters().recordsDone()).as("deleted before close returned").isEqualTo(1);
    assertThat(mapping.status().state()).isEqualTo(MappingState.DISABLED);

    send(queue, "after close", null);
    assertThat(sqs.receiveMessage(r -> r.queueUrl(url(queue)).waitTimeSeconds(5)).messages())
        .extracting(Message::body).as("nobody polls the queue any more").containsExactly("after close");
  }

  private record Delivery(String body, int receiveCount, String group, boolean ok) {}

  private static List<Delivery> deliveries(String queue) {
    Path log = logs.resolve(queue + ".log");
    try {
      if (!Files.exists(log)) {
        return List.of();
      }
      return Files.readAllLines(log).stream().filter(line -> !line.isEmpty()).map(line -> line.split("\t", -1))
          .map(f -> new Delivery(f[0], Integer.parseInt(f[1]), f[2], f[3].equals("ok"))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> drain(String queue, int expected) throws InterruptedException {
    List<String> bodies = new java.util.ArrayList<>();
    Poll.until(() -> {
      sqs.receiveMessage(r -> r.queueUrl(url(queue)).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
          .forEach(m -> bodies.add(m.body()));
      return bodies.size() >= expected;
    }, patience, expected + " messages in " + queue);
    return bodies;
  }

  /** A new queue with a unique name (same suffix), the measured visibility timeout and {@code attributes}. */
  private static String queue(String name, Map<QueueAttributeName, String> attributes) {
    String unique = name.endsWith(".fifo")
        ? name.substring(0, name.length() - 5) + "-" + UUID.randomUUID().toString().substring(0, 8) + ".fifo"
        : name + "-" + UUID.randomUUID().toString().substring(0, 8);
    Map<QueueAttributeName, String> all = new HashMap<>(attributes);
    all.put(QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilitySeconds));
    sqs.createQueue(q -> q.queueName(unique).attributes(all));
    return unique;
  }

  private static String url(String queue) {
    return sqs.getQueueUrl(q -> q.queueName(queue)).queueUrl();
  }

  private static void send(String queue, String body, String group) {
    sqs.sendMessage(m -> m.queueUrl(url(queue)).messageBody(body).messageGroupId(group));
  }

  private static SqsMapping mapping(String queue, Map<String, Object> properties) {
    Map<String, Object> all = new HashMap<>(properties);
    all.put("Queue", server.queueArn(queue));
    all.putIfAbsent("ScalingConfig", Map.of("MaximumConcurrency", 2));
    MappingSettings settings = new MappingSettingsReader(SourceKind.SQS, all, FUNCTION + ".Events.Queue.Properties")
        .read();
    MappingConfig config = new MappingConfig(UUID.randomUUID().toString(), "Queue", FUNCTION, SourceKind.SQS,
        server.queueArn(queue), settings);
    return new SqsMapping(config, (function, payload, cause) -> emulator.invoke(function, payload),
        new SqsEndpoint(server.endpoint(), server.region()));
  }
}
