package dev.lambdaloom.emulator;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One function's Event invocations, from their acceptance to the end of their last attempt, held within a bound of
 * events and of payload bytes. Lambda's own queue takes what its fleet can hold; here the payloads of every waiting
 * event are on the emulator's heap, so a caller that floods a slow function would otherwise fill it. Beyond the bound
 * an Event call is refused at once with a throttle, and its payload is not kept.
 */
final class AsyncEventQueue {
  /**
   * @param maxEvents events accepted and not yet finished, waiting or running
   * @param maxBytes their payloads' bytes
   */
  record Bounds(int maxEvents, long maxBytes) {}

  private final String function;
  private final Bounds bounds;
  private final ExecutorService executor;
  private final ReentrantLock lock = new ReentrantLock();
  private int events;
  private long bytes;

  AsyncEventQueue(String function, Bounds bounds, ExecutorService executor) {
    this.function = function;
    this.bounds = bounds;
    this.executor = executor;
  }

  /**
   * Makes room for an event of {@code size} bytes, else throws a TooManyRequestsException before anything is done with
   * its payload; then {@code prepare} makes the invocation (it may refuse the payload: the room is given back), and it
   * runs on its own thread ({@code run} returns when its last attempt is over). Returns the invocation.
   */
  Invocation submit(long size, Supplier<Invocation> prepare, Consumer<Invocation> run) {
    lock.lock();
    try {
      if (events + 1 > bounds.maxEvents() || bytes + size > bounds.maxBytes()) {
        throw LambdaServiceException.eventQueueFull(function, bounds.maxEvents(), bounds.maxBytes());
      }
      events++;
      bytes += size;
    } finally {
      lock.unlock();
    }
    boolean running = false;
    try {
      Invocation invocation = prepare.get();
      executor.execute(() -> {
        try {
          run.accept(invocation);
        } finally {
          release(size);
        }
      });
      running = true;
      return invocation;
    } catch (RejectedExecutionException e) {
      throw LambdaServiceException.shuttingDown(e);
    } finally {
      if (!running) {
        release(size);
      }
    }
  }

  private void release(long size) {
    lock.lock();
    try {
      events--;
      bytes -= size;
    } finally {
      lock.unlock();
    }
  }

  /** What the queue holds now: events accepted and not finished, and their payloads' bytes. */
  record Held(int events, long bytes) {}

  Held held() {
    lock.lock();
    try {
      return new Held(events, bytes);
    } finally {
      lock.unlock();
    }
  }
}
