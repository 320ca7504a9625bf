package dev.lambdaloom.core;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling, with a generous deadline, instead of sleeping a guessed time. */
public final class Poll {
  private Poll() {}

  public static void until(String what, BooleanSupplier condition) {
    Deadline deadline = Deadline.after(Duration.ofSeconds(10));
    while (!condition.getAsBoolean()) {
      if (deadline.expired()) throw new AssertionError("timed out waiting until " + what);
      LockSupport.parkNanos(1_000_000);
    }
  }

  public static boolean noneAlive(Collection<Thread> threads) {
    return threads.stream().noneMatch(Thread::isAlive);
  }
}
