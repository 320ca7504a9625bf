package dev.lambdaloom.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One {@link Pipeline} run. The calling thread coordinates: producer and consumer threads report their end on a
 * queue, and only the calling thread decides what to stop.
 */
final class PipelineRun<T> {
  private sealed interface Ended {}

  /** {@code onItsOwn}: it ended before the run cancelled it. */
  private record ProducerEnded(int index, Throwable failure, boolean onItsOwn) implements Ended {}

  private record ConsumerEnded(Throwable failure, boolean onItsOwn) implements Ended {}

  /** Counts what one producer got into the channel. */
  private record CountingSink<T>(BoundedChannel<T> channel, AtomicLong sent) implements Pipeline.Sink<T> {
    @Override
    public void send(T item) throws InterruptedException {
      channel.send(item);
      sent.incrementAndGet();
    }
  }

  private final List<? extends Pipeline.Producer<T>> producers;
  private final Pipeline.ItemHandler<? super T> handler;
  private final int consumerCount;
  private final Deadline stopProducingAt;
  private final Deadline interruptAt;
  private final BoundedChannel<T> channel;

  private final BlockingQueue<Ended> ended = new LinkedBlockingQueue<>();
  private final List<TaskThread> producerThreads = new ArrayList<>();
  private final List<TaskThread> consumerThreads = new ArrayList<>();
  private final List<AtomicLong> sent = new ArrayList<>();
  private final ProducerReport.State[] states;
  private final LongAdder consumed = new LongAdder();
  private final Queue<T> unconsumed = new ConcurrentLinkedQueue<>();
  private final List<Throwable> failures = new ArrayList<>();

  private int producersRunning;
  private int consumersRunning;
  private boolean producingStopped;
  private boolean everythingCancelled;
  private StopReason stopReason = StopReason.COMPLETED;

  PipelineRun(Pipeline options, List<? extends Pipeline.Producer<T>> producers, Pipeline.ItemHandler<? super T> handler) {
    this.producers = producers;
    this.handler = handler;
    this.consumerCount = options.consumers();
    this.stopProducingAt = options.stopProducingAt().earlier(options.interruptAt());
    this.interruptAt = options.interruptAt();
    this.channel = new BoundedChannel<>(options.capacity());
    this.states = new ProducerReport.State[producers.size()];
  }

  PipelineResult<T> run() throws InterruptedException {
    try {
      startAll();
      coordinate();
      for (TaskThread t : allThreads()) t.thread().join(); // each has posted its end: returns at once
    } catch (Throwable t) {
      // Caller interrupted (or a thread could not start): no thread may outlive the call.
      cancelEverything();
      boolean interrupted = false;
      for (TaskThread r : allThreads()) interrupted |= r.joinUninterruptibly();
      if (interrupted && !(t instanceof InterruptedException)) Thread.currentThread().interrupt();
      throw t;
    }
    List<ProducerReport> reports = new ArrayList<>();
    long produced = 0;
    for (int i = 0; i < states.length; i++) {
      reports.add(new ProducerReport(i, states[i], sent.get(i).get()));
      produced += sent.get(i).get();
    }
    return new PipelineResult<>(
        produced, consumed.sum(), List.copyOf(unconsumed), reports, failures, stopReason);
  }

  private void startAll() {
    Thread.Builder producerBuilder = Thread.ofVirtual().name("lambdaloom-producer-", 0);
    for (int i = 0; i < producers.size(); i++) {
      int index = i;
      Pipeline.Producer<T> producer = producers.get(i);
      CountingSink<T> sink = new CountingSink<>(channel, new AtomicLong());
      sent.add(sink.sent());
      producerThreads.add(TaskThread.start(producerBuilder, self -> {
        Throwable failure = null;
        try {
          producer.produce(sink);
        } catch (Throwable t) {
          failure = t;
        }
        ended.add(new ProducerEnded(index, failure, self.end()));
      }));
      producersRunning++;
    }
    if (producersRunning == 0) {
      producingStopped = true;
      channel.close();
    }
    Thread.Builder consumerBuilder = Thread.ofVirtual().name("lambdaloom-consumer-", 0);
    for (int i = 0; i < consumerCount; i++) {
      consumerThreads.add(TaskThread.start(consumerBuilder, self -> {
        Throwable failure = null;
        try {
          consume();
        } catch (Throwable t) {
          failure = t;
        }
        ended.add(new ConsumerEnded(failure, self.end()));
      }));
      consumersRunning++;
    }
  }

  private void consume() throws Exception {
    for (var next = channel.receive(); next.isPresent(); next = channel.receive()) {
      T item = next.get();
      try {
        handler.handle(item);
      } catch (Throwable t) {
        unconsumed.add(item);
        throw t;
      }
      consumed.increment();
    }
  }

  private void coordinate() throws InterruptedException {
    while (producersRunning + consumersRunning > 0) {
      if (!producingStopped && stopProducingAt.expired()) {
        if (producersRunning > 0) stop(StopReason.DEADLINE);
        stopProducing();
      }
      if (!everythingCancelled && interruptAt.expired()) {
        stop(StopReason.DEADLINE);
        cancelEverything();
      }
      long waitNanos =
          !producingStopped ? stopProducingAt.remainingNanos()
              : !everythingCancelled ? interruptAt.remainingNanos()
              : Long.MAX_VALUE;
      Ended e = ended.poll(waitNanos, TimeUnit.NANOSECONDS);
      if (e != null) handle(e);
    }
  }

  private void handle(Ended e) {
    switch (e) {
      case ProducerEnded(int index, Throwable failure, boolean onItsOwn) -> {
        producersRunning--;
        if (!onItsOwn) {
          states[index] = ProducerReport.State.STOPPED;
        } else if (failure == null) {
          states[index] = ProducerReport.State.FINISHED;
        } else {
          states[index] = ProducerReport.State.FAILED;
          failures.add(failure);
          stop(StopReason.FAILURE);
          stopProducing();
        }
        if (producersRunning == 0) {
          producingStopped = true;
          channel.close(); // consumers drain, then end
        }
      }
      case ConsumerEnded(Throwable failure, boolean onItsOwn) -> {
        consumersRunning--;
        if (failure != null && onItsOwn) {
          failures.add(failure);
          stop(StopReason.FAILURE);
          cancelEverything();
        }
      }
    }
  }

  private void stop(StopReason reason) {
    if (stopReason == StopReason.COMPLETED) stopReason = reason;
  }

  /** Producers first, so that the ChannelClosedException they then see counts as stopped, not failed. */
  private void stopProducing() {
    producingStopped = true;
    producerThreads.forEach(TaskThread::cancel);
    channel.close();
  }

  private void cancelEverything() {
    producingStopped = true;
    everythingCancelled = true;
    producerThreads.forEach(TaskThread::cancel);
    consumerThreads.forEach(TaskThread::cancel);
    unconsumed.addAll(channel.cancel());
  }

  private List<TaskThread> allThreads() {
    List<TaskThread> all = new ArrayList<>(producerThreads);
    all.addAll(consumerThreads);
    return all;
  }
}
