package dev.lambdaloom.loopback;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP server on 127.0.0.1 with a virtual thread per exchange, set up the way every
 * Lambdaloom endpoint needs it (Runtime API, Invoke API, API gateway, embedded services).
 */
public final class LoopbackHttpServer implements AutoCloseable {
  static {
    // Both are read once per JVM, when the first server starts; the launcher and the tests also set
    // them at JVM start. Without TCP_NODELAY a response's header and body writes meet the client's
    // delayed ACK: about 40 ms added to every keep-alive request (measured: 64 ms per 20 ms request).
    // And the server would close keep-alive connections beyond 200 idle ones, which a client with
    // more connections sees as an EOF on a reused one.
    setIfAbsent("sun.net.httpserver.nodelay", "true");
    setIfAbsent("sun.net.httpserver.maxIdleConnections", "1024");
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  private LoopbackHttpServer(int port, int backlog, Map<String, HttpHandler> contexts, List<Filter> filters)
      throws IOException {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
    } catch (IOException e) {
      executor.shutdownNow();
      throw e;
    }
    server.setExecutor(executor);
    contexts.forEach((path, handler) -> server.createContext(path, handler).getFilters().addAll(filters));
    server.start();
  }

  /**
   * Serves {@code contexts} (path prefix to handler) on 127.0.0.1:{@code port}, 0 for a free port.
   *
   * @param backlog connections waiting to be accepted; size it for the clients' concurrency
   */
  public static LoopbackHttpServer start(int port, int backlog, Map<String, HttpHandler> contexts) throws IOException {
    return new LoopbackHttpServer(port, backlog, contexts, List.of());
  }

  /**
   * As {@link #start(int, int, Map)}, with {@code filters} before every context's handler, in order: a
   * {@link RequestBodyDeadline} first, so that it also covers a refusal's exchange, then a {@link LoopbackRequestGuard}.
   */
  public static LoopbackHttpServer start(int port, int backlog, Map<String, HttpHandler> contexts, List<Filter> filters)
      throws IOException {
    return new LoopbackHttpServer(port, backlog, contexts, List.copyOf(filters));
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** http://127.0.0.1:port */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The virtual threads the exchanges run on, for work a handler hands off. */
  public ExecutorService executor() {
    return executor;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }
}
