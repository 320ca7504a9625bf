package dev.lambdaloom.loopback;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;

/**
 * Gives each request's body a deadline: a client that sends its headers and then trickles its body, or stops sending
 * it, has its connection closed once {@code timeout} has passed since the exchange started, instead of holding a
 * thread, a buffer and whatever the handler would do next for as long as it likes. The deadline covers the handler's
 * reads and the server's own (the JDK's server reads what is left of a body when the exchange ends), and nothing
 * after the body has been read to its end: a handler's slow work is not cut short.
 *
 * <p>Per exchange, where the JDK's {@code sun.net.httpserver.maxReqTime} would be one value for every server of the
 * JVM and would also end requests that are merely waiting for a slow handler. A blocked read is ended by interrupting
 * the exchange's thread, which closes the connection's channel; the handler's read then throws
 * {@link BodyTimeoutException}.
 */
public final class RequestBodyDeadline extends Filter {
  /** Far above any body a local tool sends on loopback (6 MB there take milliseconds), far below forever. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final Duration timeout;

  public RequestBodyDeadline(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("a body timeout must be positive, not " + timeout);
    }
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    if (!hasBody(exchange.getRequestHeaders())) {
      chain.doFilter(exchange);
      return;
    }
    BodyWatch watch = BodyWatch.start(Thread.currentThread(), timeout);
    exchange.setStreams(watch.guard(exchange.getRequestBody()), null);
    try {
      chain.doFilter(exchange);
    } finally {
      watch.exchangeEnded();
    }
  }

  /** The JDK's server has already refused a conflicting or malformed length. */
  private static boolean hasBody(Headers headers) {
    if (headers.containsKey("Transfer-Encoding")) {
      return true;
    }
    String length = headers.getFirst("Content-Length");
    return length != null && !length.strip().equals("0");
  }

  @Override
  public String description() {
    return "closes a connection whose request body has not arrived within " + timeout;
  }
}
