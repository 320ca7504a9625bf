package dev.lambdaloom.loopback;

import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.Retrier;
import dev.lambdaloom.core.RetryDecision;
import dev.lambdaloom.core.RetryPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Starting an embedded service on a free loopback port. A port found free can be taken by another process before the
 * service binds it, so a start that failed because of its port is tried again on another one.
 */
public final class FreePort {
  private static final RetryPolicy ATTEMPTS = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200));

  private FreePort() {}

  /** Starts a service on the given port. */
  @FunctionalInterface
  public interface Start<T> {
    T on(int port) throws Exception;
  }

  /** A port nothing listens on at this moment, on 127.0.0.1. */
  public static int find() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  /**
   * Calls {@code start} on a free port; while it fails in a way {@code portTaken} recognises, on another one, up to 3
   * attempts. Returns what it started, or throws the last failure.
   */
  public static <T> T start(Start<T> start, Predicate<? super Throwable> portTaken) throws Exception {
    Retrier retrier = Retrier.builder()
        .policy(ATTEMPTS)
        .retryOn(failure -> portTaken.test(failure) ? RetryDecision.retry() : RetryDecision.fail())
        .build();
    return retrier.call(Deadline.none(), () -> start.on(find())).value();
  }
}
