package dev.lambdaloom.loopback;

import java.net.SocketTimeoutException;
import java.time.Duration;

/** A request's body did not arrive within its {@link RequestBodyDeadline}; the connection has been closed. */
public final class BodyTimeoutException extends SocketTimeoutException {
  BodyTimeoutException(Duration timeout, Throwable cause) {
    super("the request body did not arrive within " + timeout);
    initCause(cause);
  }
}
