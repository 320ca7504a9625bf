package dev.lambdaloom.emulator.events.samples;

/** A sample event asked for with values its source would refuse; the message says which and why. */
public final class InvalidSampleException extends IllegalArgumentException {
  public InvalidSampleException(String message) {
    super(message);
  }

  public InvalidSampleException(String message, Throwable cause) {
    super(message, cause);
  }
}
