package dev.lambdaloom.emulator.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LambdaServiceException;
import dev.lambdaloom.emulator.events.filter.FilterInput;
import dev.lambdaloom.emulator.events.filter.RecordFilter;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One of a queue mapping's pollers, on a virtual thread of its own: gathers a batch, invokes the function with it,
 * deletes what succeeded, and again until the mapping closes. It holds at most one batch at a time, so the pollers
 * bound the invocations in flight. Its state is its thread's only.
 */
final class SqsPoller implements Runnable {
  private static final System.Logger LOG = System.getLogger(SqsMapping.class.getName());
  /** After the service refused an invocation (a throttle) or the queue could not be read: not a busy loop. */
  private static final Duration BACKOFF = Duration.ofSeconds(1);

  /** A received message and the record Lambda makes of it. */
  private record Received(Message message, ObjectNode record, long size) {}

  /**
   * What a poller works with, shared by the mapping's pollers.
   *
   * @param receiveWait the long poll of an empty batch: bounds how long close waits for an idle poller
   * @param closing counted down when the mapping closes
   */
  record Context(MappingConfig config, SqsQueue queue, SqsRecords records, RecordFilter filter,
      FunctionInvoker invoker, QueueTally tally, Duration receiveWait, CountDownLatch closing) {}

  private final Context context;
  private final MappingSettings settings;
  /** Messages received beyond the 6 MB a batch may weigh: they start the next batch. */
  private final List<Received> carried = new ArrayList<>();

  SqsPoller(Context context) {
    this.context = context;
    this.settings = context.config().settings();
  }

  @Override
  public void run() {
    while (!closing()) {
      List<Received> batch;
      try {
        batch = gather();
      } catch (SdkException e) {
        LOG.log(Level.WARNING, "mapping " + context.config().uuid() + " could not read " + context.queue().url(), e);
        if (pause()) {
          return;
        }
        continue;
      }
      if (!batch.isEmpty() && invokeAndSettle(batch)) {
        return;
      }
    }
  }

  /**
   * Receives until the batch holds BatchSize messages or would pass 6 MB, the batching window since its first message
   * has passed, or the mapping closes. Messages the filter rejects are deleted at once and never count.
   */
  private List<Received> gather() {
    List<Received> batch = new ArrayList<>(carried);
    carried.clear();
    long bytes = SqsRecords.emptyEventSize() + batch.stream().mapToLong(Received::size).sum();
    long windowEnd = batch.isEmpty() ? 0 : System.nanoTime() + settings.batchingWindow().toNanos();
    while (batch.size() < settings.batchSize() && carried.isEmpty()) {
      int waitSeconds;
      if (batch.isEmpty()) {
        if (closing()) {
          break;
        }
        waitSeconds = (int) Math.max(0, context.receiveWait().toSeconds());
      } else {
        long remaining = windowEnd - System.nanoTime();
        if (remaining <= 0 || closing()) {
          break;
        }
        // Whole seconds only: a window's last fraction of a second is waited for as one more second.
        waitSeconds = (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(remaining + 999_999_999L));
      }
      List<Message> rejected = new ArrayList<>();
      for (Message message : context.queue().receive(settings.batchSize() - batch.size(), waitSeconds)) {
        ObjectNode record = context.records().record(message);
        if (!context.filter().matches(FilterInput.forSqs(record))) {
          rejected.add(message);
          continue;
        }
        Received received = new Received(message, record, SqsRecords.size(record));
        if (!carried.isEmpty() || bytes + received.size() > MappingSettings.MAX_BATCH_PAYLOAD_BYTES) {
          carried.add(received);
        } else {
          if (batch.isEmpty()) {
            windowEnd = System.nanoTime() + settings.batchingWindow().toNanos();
          }
          batch.add(received);
          bytes += received.size();
        }
      }
      if (!rejected.isEmpty()) {
        // Lambda deletes the messages no filter matches: they are never delivered.
        context.tally().filteredOut(rejected.size());
        context.queue().delete(rejected);
      }
    }
    return batch;
  }

  /** When the queue took the message (its SentTimestamp), or now when it does not say. */
  private static java.time.Instant sent(Received received) {
    String millis = received.message().attributes()
        .get(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.SENT_TIMESTAMP);
    try {
      return millis == null ? java.time.Instant.now() : java.time.Instant.ofEpochMilli(Long.parseLong(millis));
    } catch (NumberFormatException e) {
      return java.time.Instant.now();
    }
  }

  /** Returns true when the mapping closed while this poller waited. */
  private boolean invokeAndSettle(List<Received> batch) {
    List<ObjectNode> records = batch.stream().map(Received::record).toList();
    int attempt = batch.stream().mapToInt(SqsPoller::receiveCount).max().orElse(1);
    InvocationCause cause = new InvocationCause.MappingBatch(context.config().uuid(),
        context.config().eventSourceArn(), "queue", batch.getFirst().message().messageId(),
        batch.getLast().message().messageId(), batch.size(), attempt, sent(batch.getFirst()), sent(batch.getLast()));
    context.tally().invoked(batch.size(), attempt > 1);
    SqsBatchVerdict verdict;
    try {
      InvokeResult result = context.invoker().invoke(context.config().functionName(), SqsRecords.event(records),
          cause);
      context.tally().result(result.failed() ? QueueTally.FUNCTION_FAILED : QueueTally.OK);
      verdict = SqsBatchVerdict.of(result.failed(), result.payload(), settings.reportBatchItemFailures(), ids(batch));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true; // the messages come back after their visibility timeout
    } catch (LambdaServiceException e) {
      context.tally().result("PROBLEM: " + e.getMessage());
      LOG.log(Level.INFO, "mapping " + context.config().uuid() + ": the invocation was refused, the batch comes back"
          + " after the queue's visibility timeout: " + e.getMessage());
      return pause();
    } catch (RuntimeException e) {
      // The emulator could not run the function at all (its code, its runtime): the batch is not lost either.
      context.tally().result(QueueTally.FUNCTION_FAILED);
      LOG.log(Level.WARNING, "mapping " + context.config().uuid() + ": the invocation failed before the function ran;"
          + " the batch comes back after the queue's visibility timeout", e);
      return pause();
    }
    try {
      settle(batch, verdict);
    } catch (SdkException e) {
      LOG.log(Level.WARNING, "mapping " + context.config().uuid() + " could not delete processed messages from "
          + context.queue().url() + "; the queue delivers them again", e);
    }
    return false;
  }

  private void settle(List<Received> batch, SqsBatchVerdict verdict) {
    List<Message> toDelete = switch (verdict) {
      case SqsBatchVerdict.AllSucceeded all -> batch.stream().map(Received::message).toList();
      case SqsBatchVerdict.SomeFailed some -> batch.stream().map(Received::message)
          .filter(message -> !some.failedIds().contains(message.messageId())).toList();
      case SqsBatchVerdict.AllFailed failed -> {
        LOG.log(Level.DEBUG, "mapping " + context.config().uuid() + ": the whole batch failed (" + failed.reason()
            + "); its messages come back after the queue's visibility timeout");
        yield List.of();
      }
    };
    if (!toDelete.isEmpty()) {
      context.tally().done(context.queue().delete(toDelete));
    }
  }

  private static Set<String> ids(List<Received> batch) {
    Set<String> ids = new LinkedHashSet<>();
    batch.forEach(received -> ids.add(received.message().messageId()));
    return ids;
  }

  private static int receiveCount(Received received) {
    String count = received.message().attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
    try {
      return count == null ? 1 : Integer.parseInt(count);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private boolean closing() {
    return context.closing().getCount() == 0;
  }

  /** Waits {@link #BACKOFF} or until the mapping closes; returns true when it closed (or this thread was interrupted). */
  private boolean pause() {
    try {
      return context.closing().await(BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
