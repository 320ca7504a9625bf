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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JDK's HTTP server on 127.0.0.1 with a virtual thread per exchange, set up the way every
 * Lambdaloom endpoint needs it (Runtime API, Invoke API, API gateway, embedded services).
 *
 * <p>The JDK's server reads two settings once per JVM, from system properties, when its first server starts. The
 * JVMs Lambdaloom starts set them on their command line ({@code ./lambdaloom}, the test runs):
 * {@value #NODELAY}{@code =true}, without which a response's header and body writes meet the client's delayed
 * ACK, about 40 ms added to every keep-alive request (measured: 64 ms per 20 ms request); and
 * {@value #MAX_IDLE}{@code =1024}, without which the server closes keep-alive connections beyond 200 idle ones,
 * which a client with more connections sees as an EOF on a reused one. A JVM-wide setting is its owner's to make,
 * so this class only warns, once, when a JVM that embeds it runs without them.
 */
public final class LoopbackHttpServer implements AutoCloseable {
  static final String NODELAY = "sun.net.httpserver.nodelay";
  static final String MAX_IDLE = "sun.net.httpserver.maxIdleConnections";
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  private LoopbackHttpServer(int port, int backlog, Map<String, HttpHandler> contexts, List<Filter> filters)
      throws IOException {
    warnOnceWithoutTuning();
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

  private static void warnOnceWithoutTuning() {
    if (!"true".equals(System.getProperty(NODELAY)) || System.getProperty(MAX_IDLE) == null) {
      if (WARNED.compareAndSet(false, true)) {
        System.getLogger(LoopbackHttpServer.class.getName()).log(System.Logger.Level.WARNING,
            "start this JVM with -D" + NODELAY + "=true -D" + MAX_IDLE + "=1024: without them keep-alive requests"
                + " to Lambdaloom's servers wait about 40 ms for delayed ACKs, and idle connections beyond 200 are"
                + " closed");
      }
    }
  }
}
