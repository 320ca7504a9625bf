package dev.lambdaloom.emulator.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The calls a mapping makes on its queue. Thread-safe: the SDK client is. */
final class SqsQueue {
  /** SQS's most messages per ReceiveMessage and per DeleteMessageBatch. */
  static final int MAX_PER_CALL = 10;
  /** SQS's longest long poll. */
  static final int MAX_WAIT_SECONDS = 20;

  /**
   * The queue's depth.
   *
   * @param visible messages that can be received now
   * @param inFlight messages received and neither deleted nor visible again yet
   */
  record Depth(long visible, long inFlight) {}

  private final SqsClient client;
  private final String url;

  SqsQueue(SqsClient client, String url) {
    this.client = client;
    this.url = url;
  }

  String url() {
    return url;
  }

  /** Up to {@code max} messages (at most 10) with every attribute, waiting up to {@code waitSeconds} for the first. */
  List<Message> receive(int max, int waitSeconds) {
    return client.receiveMessage(r -> r.queueUrl(url)
        .maxNumberOfMessages(Math.min(max, MAX_PER_CALL))
        .waitTimeSeconds(Math.min(waitSeconds, MAX_WAIT_SECONDS))
        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
        .messageAttributeNames("All")).messages();
  }

  /** Deletes the messages, ten per call; returns how many the queue deleted. */
  int delete(List<Message> messages) {
    int deleted = 0;
    for (int from = 0; from < messages.size(); from += MAX_PER_CALL) {
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
      List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + MAX_PER_CALL));
      for (int i = 0; i < chunk.size(); i++) {
        entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i))
            .receiptHandle(chunk.get(i).receiptHandle()).build());
      }
      DeleteMessageBatchResponse response = client.deleteMessageBatch(d -> d.queueUrl(url).entries(entries));
      deleted += response.successful().size();
    }
    return deleted;
  }

  Depth depth() {
    Map<QueueAttributeName, String> attributes = client.getQueueAttributes(a -> a.queueUrl(url).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    return new Depth(Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
        Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
  }
}
