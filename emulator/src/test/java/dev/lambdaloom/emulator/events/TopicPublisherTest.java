package dev.lambdaloom.emulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.LambdaServiceException;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.fixtures.EventRecordingHandler;
import dev.lambdaloom.emulator.fixtures.FixtureCode;
import dev.lambdaloom.emulator.fixtures.Poll;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.services.sqs.ElasticMqServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The emulator's topics, published to with the AWS SDK's own SnsClient over SNS's query protocol: deliveries to real
 * functions in the emulator (Event invocations) with FilterPolicy on attributes and on the body, and to a real
 * ElasticMQ queue for SqsSubscription.
 */
class TopicPublisherTest {
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:orders";
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static ElasticMqServer sqsServer;
  private static Emulator emulator;
  private static TopicPublisher publisher;
  private static SnsQueryServer server;
  private static SnsClient sns;
  private static Path blueLog;
  private static Path keepLog;

  @BeforeAll
  static void start() throws Exception {
    sqsServer = ElasticMqServer.start();
    FixtureCode.archive(dir.resolve("fixture.zip"));
    blueLog = dir.resolve("blue.log");
    keepLog = dir.resolve("keep.log");
    Path template = FixtureCode.template(dir, """
          Blue:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %1$s::handleRequest
              Environment:
                Variables:
                  FIXTURE_EVENT_LOG: %2$s
              Events:
                Orders:
                  Type: SNS
                  Properties:
                    Topic: %4$s
                    FilterPolicy:
                      colour: [blue]
          Keep:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %1$s::handleRequest
              Environment:
                Variables:
                  FIXTURE_EVENT_LOG: %3$s
              Events:
                Orders:
                  Type: SNS
                  Properties:
                    Topic: %4$s
                    FilterPolicyScope: MessageBody
                    FilterPolicy:
                      kind: [keep]
                Queued:
                  Type: SNS
                  Properties:
                    Topic: %4$s
                    SqsSubscription: true
          Busy:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %5$s
              ReservedConcurrentExecutions: 1
        """.formatted(EventRecordingHandler.class.getName(), blueLog, keepLog, TOPIC, FixtureCode.HANDLER));
    emulator = Emulator.start(SamTemplate.load(template), EmulatorSettings.defaults(), LogSink.discard());
    publisher = new TopicPublisher(Set.of("arn:aws:sns:us-east-1:123456789012:quiet"),
        TopicSubscription.of(emulator.functions()), emulator::invokeAsync,
        Optional.of(new SqsEndpoint(sqsServer.endpoint(), "us-east-1")), SnsRedelivery.managed());
    server = SnsQueryServer.start(publisher, 0);
    sns = SnsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("lambdaloom", "lambdaloom")))
        .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (sns != null) {
      sns.close();
    }
    if (server != null) {
      server.close();
    }
    if (publisher != null) {
      publisher.close();
    }
    if (emulator != null) {
      emulator.close();
    }
    if (sqsServer != null) {
      sqsServer.close();
    }
  }

  @Test
  void aPublishReachesTheFunctionsWhosePolicyMatchesAndTheSubscribedQueue() throws Exception {
    String red = sns.publish(p -> p.topicArn(TOPIC).message("{\"kind\":\"drop\"}").messageAttributes(Map.of(
        "colour", MessageAttributeValue.builder().dataType("String").stringValue("red").build()))).messageId();
    String blue = sns.publish(p -> p.topicArn(TOPIC).subject("New order").message("{\"kind\":\"keep\",\"n\":7}")
        .messageAttributes(Map.of(
            "colour", MessageAttributeValue.builder().dataType("String").stringValue("blue").build(),
            "count", MessageAttributeValue.builder().dataType("Number").stringValue("3").build()))).messageId();
    assertThat(red).isNotEqualTo(blue);

    Duration patience = Duration.ofMinutes(3);
    Poll.until(() -> lines(blueLog).size() == 1 && lines(keepLog).size() == 1, patience, "one event for each function");
    // red reaches the queue only; blue reaches Blue, Keep and the queue: four deliveries, none given up.
    Poll.until(() -> publisher.delivered() == 4, patience, "four deliveries");
    assertThat(publisher.givenUp()).isZero();

    JsonNode record = JSON.readTree(lines(blueLog).getFirst()).get("Records").get(0);
    assertThat(record.get("EventSource").asText()).isEqualTo("aws:sns");
    assertThat(record.get("EventVersion").asText()).isEqualTo("1.0");
    assertThat(record.get("EventSubscriptionArn").asText()).startsWith(TOPIC + ":");
    JsonNode notification = record.get("Sns");
    assertThat(notification.get("Type").asText()).isEqualTo("Notification");
    assertThat(notification.get("MessageId").asText()).isEqualTo(blue);
    assertThat(notification.get("TopicArn").asText()).isEqualTo(TOPIC);
    assertThat(notification.get("Subject").asText()).isEqualTo("New order");
    assertThat(notification.get("Message").asText()).isEqualTo("{\"kind\":\"keep\",\"n\":7}");
    assertThat(notification.get("Timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    assertThat(notification.get("SignatureVersion").asText()).isEqualTo("1");
    assertThat(notification.has("Signature")).isTrue();
    assertThat(notification.get("SigningCertUrl").asText()).startsWith("https://");
    assertThat(notification.get("UnsubscribeUrl").asText()).contains(record.get("EventSubscriptionArn").asText());
    assertThat(notification.get("MessageAttributes").get("colour").get("Type").asText()).isEqualTo("String");
    assertThat(notification.get("MessageAttributes").get("colour").get("Value").asText()).isEqualTo("blue");
    assertThat(notification.get("MessageAttributes").get("count").get("Type").asText()).isEqualTo("Number");

    assertThat(JSON.readTree(lines(keepLog).getFirst()).get("Records").get(0).get("Sns").get("MessageId").asText())
        .as("the body policy let the keep message through only").isEqualTo(blue);

    try (SqsClient sqs = sqsServer.newClient()) {
      String url = sqs.getQueueUrl(q -> q.queueName("KeepQueuedQueue")).queueUrl();
      List<String> ids = new ArrayList<>();
      Poll.until(() -> {
        for (Message message : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
            .messages()) {
          JsonNode envelope = read(message.body());
          assertThat(envelope.get("Type").asText()).isEqualTo("Notification");
          assertThat(envelope.get("TopicArn").asText()).isEqualTo(TOPIC);
          assertThat(envelope.has("SigningCertURL")).isTrue();
          ids.add(envelope.get("MessageId").asText());
        }
        return ids.size() >= 2;
      }, patience, "both messages in the subscribed queue");
      assertThat(ids).containsExactlyInAnyOrder(red, blue);
    }
  }

  @Test
  void anUnknownTopicIsSnssNotFound() {
    assertThatThrownBy(() -> sns.publish(p -> p.topicArn("arn:aws:sns:us-east-1:123456789012:nowhere").message("x")))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("nowhere");
  }

  @Test
  void aTopicWithoutSubscriptionsTakesMessages() {
    assertThat(sns.publish(p -> p.topicArn("arn:aws:sns:us-east-1:123456789012:quiet").message("x")).messageId())
        .isNotBlank();
  }

  @Test
  void aDeliveryLambdaThrottlesIsTriedAgainUntilItIsTaken() throws Exception {
    String topic = "arn:aws:sns:us-east-1:123456789012:throttled";
    AtomicInteger refusals = new AtomicInteger();
    // Lambda's own throttle: Busy takes one invocation at a time, and one is running (a synchronous invoke, so
    // that the emulator refuses at once instead of queueing as its Event invocations would).
    TopicPublisher.AsyncInvoker invoker = (function, payload) -> {
      try {
        return emulator.invoke(function, payload).requestId();
      } catch (LambdaServiceException e) {
        refusals.incrementAndGet();
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    };
    SnsRedelivery everyTenthOfASecond = new SnsRedelivery(Collections.nCopies(600, Duration.ofMillis(100)));
    try (ExecutorService caller = Executors.newVirtualThreadPerTaskExecutor();
         TopicPublisher throttled = new TopicPublisher(Set.of(topic), List.of(TopicSubscription.toFunction(topic,
             "Busy")), invoker, Optional.empty(), everyTenthOfASecond)) {
      Future<?> busy = caller.submit(() -> emulator.invoke("Busy",
          "{\"mode\":\"sleep\",\"millis\":1500}".getBytes(StandardCharsets.UTF_8)));
      Poll.until(() -> emulator.concurrentExecutions("Busy") == 1, Duration.ofMinutes(2), "Busy taken");
      throttled.publish(new SnsPublish(topic, "while busy", Optional.empty(), Map.of()));
      Poll.until(() -> throttled.delivered() == 1, Duration.ofMinutes(2), "the delivery taken once Busy is free");
      busy.get();
      assertThat(refusals.get()).as("throttled first").isPositive();
      assertThat(throttled.givenUp()).isZero();
    }
  }

  @Test
  void aDeliveryToAFunctionThatDoesNotExistIsGivenUpAtOnce() throws Exception {
    String topic = "arn:aws:sns:us-east-1:123456789012:orphan";
    try (TopicPublisher orphan = new TopicPublisher(Set.of(topic), List.of(TopicSubscription.toFunction(topic,
        "NoSuchFunction")), emulator::invokeAsync, Optional.empty(), SnsRedelivery.managed())) {
      orphan.publish(new SnsPublish(topic, "x", Optional.empty(), Map.of()));
      Poll.until(() -> orphan.givenUp() == 1, Duration.ofSeconds(30), "the delivery given up");
      assertThat(orphan.delivered()).isZero();
    }
  }

  @Test
  void theManagedRedeliveryIsBounded() {
    SnsRedelivery policy = SnsRedelivery.managed();
    assertThat(policy.delays()).hasSize(15);
    assertThat(policy.delays().subList(0, 3)).containsOnly(Duration.ZERO);
    assertThat(policy.delays().getLast()).isEqualTo(Duration.ofSeconds(20));
    assertThat(policy.delays().stream().reduce(Duration.ZERO, Duration::plus)).isLessThan(Duration.ofMinutes(2));
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path log) {
    try {
      return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList() : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
