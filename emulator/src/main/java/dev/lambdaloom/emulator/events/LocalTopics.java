package dev.lambdaloom.emulator.events;

import dev.lambdaloom.emulator.template.SamTemplate;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The template's SNS topics on this machine: a {@link TopicPublisher} for its AWS::SNS::Topic resources and the
 * functions' SNS events, behind an {@link SnsQueryServer} on loopback. Started before the functions, so that its
 * endpoint can be given to them as AWS_ENDPOINT_URL_SNS; the invoker it delivers through may be wired afterwards.
 */
public final class LocalTopics implements AutoCloseable {
  private final TopicPublisher publisher;
  private final SnsQueryServer server;

  private LocalTopics(TopicPublisher publisher, SnsQueryServer server) {
    this.publisher = publisher;
    this.server = server;
  }

  /**
   * Starts the topics of {@code template}, or returns empty when it declares no topic and no SNS event.
   *
   * @param sqs the SQS server SqsSubscription events write to, if one runs
   */
  public static Optional<LocalTopics> start(SamTemplate template, TopicPublisher.AsyncInvoker invoker,
      Optional<SqsEndpoint> sqs, String region, String accountId) throws IOException {
    List<String> topics = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> resource : template.resources().entrySet()) {
      if ("AWS::SNS::Topic".equals(resource.getValue().get("Type"))) {
        Object name = resource.getValue().get("Properties") instanceof Map<?, ?> p ? p.get("TopicName") : null;
        topics.add("arn:aws:sns:" + region + ":" + accountId + ":"
            + (name instanceof String s && !s.isBlank() ? s : resource.getKey()));
      }
    }
    List<TopicSubscription> subscriptions = TopicSubscription.of(template.functions().values());
    if (topics.isEmpty() && subscriptions.isEmpty()) {
      return Optional.empty();
    }
    TopicPublisher publisher = new TopicPublisher(topics, subscriptions, invoker, sqs, SnsRedelivery.managed());
    try {
      return Optional.of(new LocalTopics(publisher, SnsQueryServer.start(publisher, 0)));
    } catch (IOException | RuntimeException e) {
      publisher.close();
      throw e;
    }
  }

  /** Where SNS clients publish: the value of AWS_ENDPOINT_URL_SNS. */
  public URI endpoint() {
    return server.endpoint();
  }

  public TopicPublisher publisher() {
    return publisher;
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      publisher.close();
    }
  }
}
