package dev.lambdaloom.core;

/** Thrown by {@link BoundedChannel#send} once the channel is closed or cancelled, and by receive once cancelled. */
public final class ChannelClosedException extends IllegalStateException {
  ChannelClosedException(String message) {
    super(message);
  }
}
