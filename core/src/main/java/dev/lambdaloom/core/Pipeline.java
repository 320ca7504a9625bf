package dev.lambdaloom.core;

import java.util.List;
import java.util.Objects;

/**
 * Producers feeding consumers through a {@link BoundedChannel}, all on virtual threads: the Go "channel plus
 * WaitGroup" pattern. Immutable: each setter returns a new instance, so a configured pipeline can be reused.
 *
 * <p>Each producer gets a {@link Sink}; {@code send} blocks while the channel is full (back-pressure). The channel is
 * closed when every producer has ended; consumers then drain it and end. Each of the {@code consumers} threads takes
 * items one at a time and passes them to the {@link ItemHandler}.
 *
 * <p>Stopping, and what happens to items already in the channel:
 * <ul>
 *   <li>{@link #stopProducingAt} deadline: producers are interrupted and the channel closed; consumers drain what was
 *       already sent. Every item sent is still handled.
 *   <li>A producer fails: the same as the deadline (the other producers stop, consumers drain), so that everything
 *       sent is handled and the producers' positions stay a correct resume point. The failure is reported.
 *   <li>A consumer fails: everything stops at once. Producers and the other consumers are interrupted and the
 *       channel is cancelled; buffered items are reported unconsumed.
 *   <li>{@link #interruptAt} deadline: the same as a consumer failure, without the failure.
 *   <li>The calling thread is interrupted: everything is interrupted and awaited, then InterruptedException thrown.
 * </ul>
 * Structured: {@code run} returns only after every producer and consumer thread has ended. Producers and handlers must
 * respond to interruption; one that ignores it holds the call up.
 */
public final class Pipeline {
  /** Produces items into a sink until it has no more. Keeps its own position if it needs to be resumable. */
  @FunctionalInterface
  public interface Producer<T> {
    void produce(Sink<T> sink) throws Exception;
  }

  /** Where a producer sends its items. */
  public interface Sink<T> {
    /**
     * Blocks while the channel is full.
     *
     * @throws ChannelClosedException once the pipeline has stopped producing
     */
    void send(T item) throws InterruptedException;
  }

  /** Handles one item on a consumer thread. Throwing stops the whole pipeline. */
  @FunctionalInterface
  public interface ItemHandler<T> {
    void handle(T item) throws Exception;
  }

  private final int capacity;
  private final int consumers;
  private final Deadline stopProducingAt;
  private final Deadline interruptAt;

  private Pipeline(int capacity, int consumers, Deadline stopProducingAt, Deadline interruptAt) {
    if (capacity < 1) throw new IllegalArgumentException("capacity < 1: " + capacity);
    if (consumers < 1) throw new IllegalArgumentException("consumers < 1: " + consumers);
    this.capacity = capacity;
    this.consumers = consumers;
    this.stopProducingAt = Objects.requireNonNull(stopProducingAt, "stopProducingAt");
    this.interruptAt = Objects.requireNonNull(interruptAt, "interruptAt");
  }

  /** A pipeline whose channel holds {@code capacity} items, with one consumer and no deadlines. */
  public static Pipeline withCapacity(int capacity) {
    return new Pipeline(capacity, 1, Deadline.none(), Deadline.none());
  }

  /** Runs {@code count} consumer threads. */
  public Pipeline consumers(int count) {
    return new Pipeline(capacity, count, stopProducingAt, interruptAt);
  }

  /** Producers are stopped at {@code deadline}; consumers drain what was sent. */
  public Pipeline stopProducingAt(Deadline deadline) {
    return new Pipeline(capacity, consumers, deadline, interruptAt);
  }

  /** Everything is interrupted at {@code deadline}. */
  public Pipeline interruptAt(Deadline deadline) {
    return new Pipeline(capacity, consumers, stopProducingAt, deadline);
  }

  public int capacity() {
    return capacity;
  }

  public int consumers() {
    return consumers;
  }

  public Deadline stopProducingAt() {
    return stopProducingAt;
  }

  public Deadline interruptAt() {
    return interruptAt;
  }

  /** Runs one producer and this pipeline's consumers until done or stopped. */
  public <T> PipelineResult<T> run(Producer<T> producer, ItemHandler<? super T> handler)
      throws InterruptedException {
    return run(List.of(producer), handler);
  }

  /** Runs every producer and this pipeline's consumers until done or stopped. */
  public <T> PipelineResult<T> run(List<? extends Producer<T>> producers, ItemHandler<? super T> handler)
      throws InterruptedException {
    Objects.requireNonNull(handler, "handler");
    return new PipelineRun<T>(this, List.copyOf(producers), handler).run();
  }
}
