package dev.lambdaloom.emulator.events;

import java.util.Collection;

/** Joining the threads a mapping or topic started, on close. */
final class ThreadJoin {
  private ThreadJoin() {}

  /**
   * Waits for every thread to end, even when the caller is interrupted meanwhile: the threads finish their batch or
   * delivery either way, and returning earlier would leave them running past close. The interrupt is restored after.
   */
  static void all(Collection<Thread> threads) {
    boolean interrupted = false;
    for (Thread thread : threads) {
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
