package dev.lambdaloom.emulator.stepfunctions;

import java.time.Duration;

/**
 * Waits between a failed attempt and its retry. {@link #REAL} sleeps as Step Functions would; a test passes one that
 * records the delays the Retry asked for and goes on at once.
 */
@FunctionalInterface
public interface RetryPause {
  RetryPause REAL = delay -> Thread.sleep(delay);

  void pause(Duration delay) throws InterruptedException;
}
