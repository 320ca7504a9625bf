package dev.lambdaloom.services.iot;

/**
 * A transient failure of one request, as real HTTP APIs fail. A reading chosen to fault fails on its
 * first attempts only (see {@link IotApiSimulator.Options#failingAttempts()}), unless it is one of
 * the share that fails forever.
 */
public enum Fault {
  /** 500 Internal Server Error with a small JSON body. */
  HTTP_500,
  /** 503 Service Unavailable with a {@code Retry-After} header (seconds). */
  HTTP_503_RETRY_AFTER,
  /** 503 Service Unavailable without {@code Retry-After}. */
  HTTP_503,
  /** 429 Too Many Requests with a {@code Retry-After} header (seconds). */
  HTTP_429,
  /**
   * 200 with a {@code Content-Length} for the whole document, half of the body, then the connection
   * is closed. The JDK's HTTP server cannot send a TCP reset, so the client sees a premature end of
   * the stream (the JDK HttpClient: "fixed content-length: N, bytes received: M").
   */
  DROPPED_CONNECTION,
  /**
   * 200 with the document trickled a few bytes at a time with pauses, so that a client's deadline
   * fires first. The JDK HttpClient's {@code HttpRequest.timeout} covers only the wait for the
   * response headers: a client needs a deadline on the whole exchange (for example
   * {@code sendAsync(...).get(timeout)}). A patient client gets the whole document in the end.
   */
  SLOW_BODY
}
