package dev.lambdaloom.loopback;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One exchange's body deadline: a virtual thread that waits for the body to end and, when the deadline comes first,
 * interrupts the exchange's thread. An interrupt closes the channel a blocked read waits on, so the read ends at once;
 * when the thread was between reads, the interrupt stays pending and closes the channel at the exchange's next read or
 * write (its answer, or the server's reading of what is left of the body): an expired exchange keeps no connection.
 * The interrupt is sent only while the body is still being received, and taken back from the exchange's thread when
 * its handler returns.
 */
final class BodyWatch {
  private enum Phase {
    /** The body has not been read to its end and the exchange goes on. */
    RECEIVING,
    /** The body ended, or the exchange did: nothing left to watch. */
    SETTLED,
    /** The deadline passed first: the exchange's thread was interrupted. */
    EXPIRED
  }

  private final Thread exchangeThread;
  private final Duration timeout;
  private final CountDownLatch settled = new CountDownLatch(1);
  private final ReentrantLock lock = new ReentrantLock();
  private Phase phase = Phase.RECEIVING;
  private boolean interruptPending;

  private BodyWatch(Thread exchangeThread, Duration timeout) {
    this.exchangeThread = exchangeThread;
    this.timeout = timeout;
  }

  static BodyWatch start(Thread exchangeThread, Duration timeout) {
    BodyWatch watch = new BodyWatch(exchangeThread, timeout);
    Thread.ofVirtual().name("lambdaloom-body-deadline").start(watch::await);
    return watch;
  }

  /** The exchange's body, read under this deadline. */
  InputStream guard(InputStream body) {
    return new FilterInputStream(body) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (expired()) {
          throw timedOut(null);
        }
        try {
          int n = in.read(buffer, offset, length);
          if (n < 0) {
            settle();
          }
          return n;
        } catch (IOException e) {
          throw expired() ? timedOut(e) : e;
        }
      }
    };
  }

  /** Called on the exchange's thread when the handler has returned. */
  void exchangeEnded() {
    settle();
    withdrawInterrupt();
  }

  private void await() {
    try {
      if (settled.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      return; // the server is closing
    }
    lock.lock();
    try {
      if (phase == Phase.RECEIVING) {
        phase = Phase.EXPIRED;
        interruptPending = true;
        exchangeThread.interrupt();
      }
    } finally {
      lock.unlock();
    }
  }

  private void settle() {
    lock.lock();
    try {
      if (phase == Phase.RECEIVING) {
        phase = Phase.SETTLED;
      }
    } finally {
      lock.unlock();
    }
    settled.countDown();
  }

  private boolean expired() {
    lock.lock();
    try {
      return phase == Phase.EXPIRED;
    } finally {
      lock.unlock();
    }
  }

  private BodyTimeoutException timedOut(IOException cause) {
    return new BodyTimeoutException(timeout, cause);
  }

  /** Clears this watch's interrupt from the exchange's thread, once it has done its work. */
  private void withdrawInterrupt() {
    if (Thread.currentThread() != exchangeThread) {
      return;
    }
    lock.lock();
    try {
      if (interruptPending) {
        interruptPending = false;
        Thread.interrupted();
      }
    } finally {
      lock.unlock();
    }
  }
}
