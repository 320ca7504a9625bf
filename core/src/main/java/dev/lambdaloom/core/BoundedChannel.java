package dev.lambdaloom.core;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed-capacity FIFO between threads, like a buffered Go channel. {@link #send} blocks while the channel is full
 * (back-pressure); {@link #receive} blocks while it is empty and returns empty once it is closed and drained.
 * {@link #close} ends sending but lets receivers drain; {@link #cancel} ends everything and hands back what was
 * buffered. Thread-safe; blocking calls respond to interruption. Null items are not allowed.
 */
public final class BoundedChannel<T> {
  private enum State { OPEN, CLOSED, CANCELLED }

  private final int capacity;
  private final ArrayDeque<T> buffer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final Condition notEmpty = lock.newCondition();
  private State state = State.OPEN;

  public BoundedChannel(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity < 1: " + capacity);
    this.capacity = capacity;
    this.buffer = new ArrayDeque<>(capacity);
  }

  /**
   * Adds {@code item}, waiting while the channel is full.
   *
   * @throws ChannelClosedException if the channel is or becomes closed or cancelled before the item fits
   */
  public void send(T item) throws InterruptedException {
    Objects.requireNonNull(item, "item");
    lock.lockInterruptibly();
    try {
      while (state == State.OPEN && buffer.size() == capacity) {
        notFull.await();
      }
      if (state != State.OPEN) throw new ChannelClosedException("channel " + state.name().toLowerCase());
      buffer.addLast(item);
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the oldest item, waiting while the channel is empty and open. Empty once the channel is closed and drained.
   *
   * @throws ChannelClosedException if the channel is cancelled
   */
  public Optional<T> receive() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (state == State.OPEN && buffer.isEmpty()) {
        notEmpty.await();
      }
      if (state == State.CANCELLED) throw new ChannelClosedException("channel cancelled");
      T item = buffer.pollFirst();
      if (item != null) notFull.signal();
      return Optional.ofNullable(item);
    } finally {
      lock.unlock();
    }
  }

  /** No more sends; receivers still get what is buffered. Blocked senders fail. Idempotent. */
  public void close() {
    lock.lock();
    try {
      if (state == State.OPEN) state = State.CLOSED;
      notFull.signalAll();
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Ends the channel for senders and receivers alike, and returns the items that were still buffered. */
  public List<T> cancel() {
    lock.lock();
    try {
      state = State.CANCELLED;
      List<T> discarded = List.copyOf(buffer);
      buffer.clear();
      notFull.signalAll();
      notEmpty.signalAll();
      return discarded;
    } finally {
      lock.unlock();
    }
  }

  /** True once closed or cancelled. */
  public boolean isClosed() {
    lock.lock();
    try {
      return state != State.OPEN;
    } finally {
      lock.unlock();
    }
  }

  public int size() {
    lock.lock();
    try {
      return buffer.size();
    } finally {
      lock.unlock();
    }
  }

  public int capacity() {
    return capacity;
  }
}
