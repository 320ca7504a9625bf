package dev.lambdaloom.services.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** ElasticMQ in its child JVM, through the AWS SDK's own SqsClient (SQS's JSON protocol). */
class ElasticMqServerTest {
  private static ElasticMqServer server;
  private static SqsClient sqs;

  @BeforeAll
  static void start() throws Exception {
    server = ElasticMqServer.start();
    sqs = server.newClient();
    System.out.println("ElasticMQ answered after " + server.startupTime().toMillis() + " ms");
  }

  @AfterAll
  static void stop() throws Exception {
    if (sqs != null) {
      sqs.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aMessageSentIsReceivedOnceAndGoneAfterItsDeletion() {
    String url = sqs.createQueue(q -> q.queueName("plain")).queueUrl();
    assertThat(url).startsWith(server.endpoint().toString());
    sqs.sendMessage(m -> m.queueUrl(url).messageBody("hello"));

    List<Message> received = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(5)
        .visibilityTimeout(30)).messages();
    assertThat(received).extracting(Message::body).containsExactly("hello");
    assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(0)).messages())
        .as("invisible while received").isEmpty();
    sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(received.getFirst().receiptHandle()));
    assertThat(sqs.getQueueAttributes(a -> a.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes())
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")
        .containsEntry(QueueAttributeName.QUEUE_ARN, server.queueArn("plain"));
  }

  @Test
  void aFifoQueueDeliversEachGroupInOrder() {
    String url = sqs.createQueue(q -> q.queueName("ordered.fifo").attributes(Map.of(
        QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))).queueUrl();
    for (int i = 0; i < 12; i++) {
      int n = i;
      sqs.sendMessage(m -> m.queueUrl(url).messageGroupId(n % 2 == 0 ? "even" : "odd").messageBody("m" + n));
    }
    Map<String, List<String>> byGroup = new LinkedHashMap<>();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (byGroup.values().stream().mapToInt(List::size).sum() < 12 && System.nanoTime() < deadline) {
      for (Message message : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(3).waitTimeSeconds(1)
          .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages()) {
        byGroup.computeIfAbsent(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
            g -> new ArrayList<>()).add(message.body());
        sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(message.receiptHandle()));
      }
    }
    assertThat(byGroup).containsOnlyKeys("even", "odd");
    assertThat(byGroup.get("even")).containsExactly("m0", "m2", "m4", "m6", "m8", "m10");
    assertThat(byGroup.get("odd")).containsExactly("m1", "m3", "m5", "m7", "m9", "m11");
  }

  @Test
  void aMessageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueue() {
    String dlq = sqs.createQueue(q -> q.queueName("dead")).queueUrl();
    String url = sqs.createQueue(q -> q.queueName("redriven").attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
        "{\"maxReceiveCount\":\"2\",\"deadLetterTargetArn\":\"" + server.queueArn("dead") + "\"}"))).queueUrl();
    sqs.sendMessage(m -> m.queueUrl(url).messageBody("poison"));

    for (int attempt = 1; attempt <= 2; attempt++) {
      // Visibility 0: the message is back at once, as after a failed attempt whose timeout expired.
      List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(5).visibilityTimeout(0)
          .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
      assertThat(got).as("attempt " + attempt).hasSize(1);
      assertThat(got.getFirst().attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
          .isEqualTo(String.valueOf(attempt));
    }
    assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
    assertThat(sqs.receiveMessage(r -> r.queueUrl(dlq).waitTimeSeconds(5)).messages())
        .extracting(Message::body).containsExactly("poison");
  }

  @Test
  void anUnknownQueueIsSqssOwnError() {
    assertThatThrownBy(() -> sqs.getQueueUrl(q -> q.queueName("nowhere")))
        .isInstanceOf(QueueDoesNotExistException.class);
  }

  @Test
  void aTakenPortFailsWithTheLogsLastLines() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> ElasticMqServer.start(ElasticMqServer.Options.defaults()
          .withPort(taken.getLocalPort())))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("ElasticMQ could not bind")
          .hasMessageContaining(ElasticMqProcess.LOG_FILE);
    }
  }
}
