package dev.lambdaloom.emulator.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdaloom.emulator.LambdaServiceException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The emulator's SNS topics: a Publish is delivered, asynchronously, to every subscription of its topic whose
 * FilterPolicy accepts it: a function gets an SNSEvent through an Event invocation (Lambda's async queue then retries
 * a failed run per MaximumRetryAttempts), a queue subscription (SqsSubscription) gets SNS's JSON envelope, which its
 * SQS mapping reads. When Lambda refuses the invocation (a throttle, a service error) or the queue cannot be written,
 * the delivery is tried again per {@link SnsRedelivery}.
 *
 * <p>Threads: one virtual thread per delivery, each joined by {@link #close()}, which also cuts short their waits
 * between retries (such a delivery is given up and logged).
 */
public final class TopicPublisher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TopicPublisher.class.getName());

  /** Queues an Event invocation and returns its request id; a refusal is a {@link LambdaServiceException}. */
  @FunctionalInterface
  public interface AsyncInvoker {
    String invokeAsync(String function, byte[] payload);
  }

  /** Publish to a topic nobody declared: SNS's NotFound. */
  public static final class TopicNotFoundException extends IllegalArgumentException {
    TopicNotFoundException(String topicArn) {
      super("Topic does not exist: " + topicArn);
    }
  }

  private final Map<String, List<TopicSubscription>> byTopic;
  private final AsyncInvoker invoker;
  private final Optional<SqsEndpoint> sqsEndpoint;
  private final SnsRedelivery redelivery;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong givenUp = new AtomicLong();
  // Guarded by this: the deliveries' threads (finished ones removed by close), the SQS client and the closed flag.
  private final Set<Thread> deliveries = new HashSet<>();
  private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
  private SqsClient sqs;
  private boolean closed;

  /**
   * @param topics every topic that exists (AWS::SNS::Topic resources), subscribed to or not
   * @param sqsEndpoint the SQS server queue subscriptions write to; empty when there are none
   * @throws IllegalArgumentException when a subscription writes to a queue and there is no SQS endpoint
   */
  public TopicPublisher(Collection<String> topics, List<TopicSubscription> subscriptions, AsyncInvoker invoker,
      Optional<SqsEndpoint> sqsEndpoint, SnsRedelivery redelivery) {
    Map<String, List<TopicSubscription>> map = new java.util.HashMap<>();
    topics.forEach(topic -> map.put(topic, new ArrayList<>()));
    for (TopicSubscription subscription : subscriptions) {
      if (subscription.queueName().isPresent() && sqsEndpoint.isEmpty()) {
        throw new IllegalArgumentException(subscription.functionName() + ".Events." + subscription.eventName()
            + " subscribes a queue (SqsSubscription) and no local SQS runs: start it (./lambdaloom services)");
      }
      map.computeIfAbsent(subscription.topicArn(), t -> new ArrayList<>()).add(subscription);
    }
    map.replaceAll((topic, list) -> List.copyOf(list));
    this.byTopic = Map.copyOf(map);
    this.invoker = invoker;
    this.sqsEndpoint = sqsEndpoint;
    this.redelivery = redelivery;
  }

  /** The topics Publish takes, sorted. */
  public Set<String> topics() {
    return new TreeSet<>(byTopic.keySet());
  }

  /**
   * Accepts the message and returns its MessageId at once; deliveries follow on their own threads.
   *
   * @throws TopicNotFoundException for a topic that does not exist
   * @throws IllegalStateException once closed
   */
  public String publish(SnsPublish publish) {
    List<TopicSubscription> subscriptions = byTopic.get(publish.topicArn());
    if (subscriptions == null) {
      throw new TopicNotFoundException(publish.topicArn());
    }
    String messageId = UUID.randomUUID().toString();
    Instant timestamp = Instant.now();
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the emulator's topics are closed");
      }
      deliveries.removeIf(thread -> !thread.isAlive());
      for (TopicSubscription subscription : subscriptions) {
        ObjectNode notification = SnsRecords.notification(publish, messageId, timestamp, subscription.arn(), true);
        if (!subscription.accepts(publish, notification)) {
          continue;
        }
        deliveries.add(Thread.ofVirtual().name("sns-delivery-" + messageId + "-" + subscription.functionName())
            .start(() -> deliver(subscription, publish, messageId, timestamp, notification)));
      }
    }
    return messageId;
  }

  /** Deliveries that reached the function's async queue or the subscription's queue. */
  public long delivered() {
    return delivered.get();
  }

  /** Deliveries given up after the redelivery policy's last retry, or cut short by close. */
  public long givenUp() {
    return givenUp.get();
  }

  private void deliver(TopicSubscription subscription, SnsPublish publish, String messageId, Instant timestamp,
      ObjectNode lambdaNotification) {
    RuntimeException last = null;
    for (int attempt = 0; attempt <= redelivery.delays().size(); attempt++) {
      if (attempt > 0 && waitOrClosed(redelivery.delays().get(attempt - 1))) {
        break;
      }
      try {
        if (subscription.queueName().isPresent()) {
          String body = Json.write(SnsRecords.notification(publish, messageId, timestamp, subscription.arn(), false));
          String url = queueUrl(subscription.queueName().get());
          sqsClient().sendMessage(m -> m.queueUrl(url).messageBody(body));
        } else {
          invoker.invokeAsync(subscription.functionName(),
              SnsRecords.lambdaEvent(lambdaNotification, subscription.arn()));
        }
        delivered.incrementAndGet();
        return;
      } catch (LambdaServiceException e) {
        if (e.httpStatus() != 429 && e.httpStatus() < 500) {
          givenUp.incrementAndGet();
          LOG.log(Level.WARNING, "SNS message " + messageId + " to " + subscription.functionName()
              + " refused for good: " + e.getMessage(), e);
          return;
        }
        last = e;
      } catch (SdkException | IllegalStateException e) {
        last = e;
      }
    }
    givenUp.incrementAndGet();
    LOG.log(Level.WARNING, "SNS message " + messageId + " to " + subscription.functionName() + " given up after "
        + redelivery.delays().size() + " retries (or the emulator closed)", last);
  }

  private String queueUrl(String queueName) {
    return queueUrls.computeIfAbsent(queueName, name -> sqsClient().createQueue(q -> q.queueName(name)).queueUrl());
  }

  private synchronized SqsClient sqsClient() {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    if (sqs == null) {
      sqs = sqsEndpoint.orElseThrow().newClient();
    }
    return sqs;
  }

  /** Returns true when the publisher closed during the wait. */
  private boolean waitOrClosed(Duration delay) {
    try {
      return closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** Refuses new publishes, cuts retries short and joins every delivery. */
  @Override
  public void close() {
    List<Thread> threads;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      threads = List.copyOf(deliveries);
      deliveries.clear();
    }
    closing.countDown();
    ThreadJoin.all(threads);
    synchronized (this) {
      if (sqs != null) {
        sqs.close();
      }
    }
  }
}
