package dev.lambdaloom.loopback;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 that holds back the first byte of every answer by a fixed delay: a local server then
 * answers with the first-byte latency of a remote one (S3 from Lambda: tens of milliseconds, where a local server
 * takes one), so that what concurrency hides can be measured locally. An answer is what the server sends after the
 * client sent something; the delay counts from the client's first byte of the request, as a network's round trip
 * would. That is right for protocols where a connection carries one request at a time (HTTP/1.1 as the AWS SDK and
 * the JDK use it, without pipelining).
 *
 * <p>Every connection has two virtual threads, one per direction; {@link #close()} closes every socket and joins
 * every thread. The per-connection {@code requestSentAt} is written by the client-to-server thread and taken by the
 * server-to-client thread (an atomic, so no lock).
 */
public final class ResponseDelayProxy implements AutoCloseable {
  private static final int BUFFER_BYTES = 64 * 1024;
  private static final long NONE = 0;

  private final InetSocketAddress upstream;
  private final long delayNanos;
  private final ServerSocket listener;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private ResponseDelayProxy(InetSocketAddress upstream, Duration delay) throws IOException {
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    if (delay.isNegative()) throw new IllegalArgumentException("a delay is not negative: " + delay);
    this.delayNanos = delay.toNanos();
    this.listener = new ServerSocket(0, 1_000, InetAddress.getLoopbackAddress());
    threads.submit(this::accept);
  }

  /** Listens on a free port of 127.0.0.1 and forwards to {@code upstream}, each answer {@code delay} late. */
  public static ResponseDelayProxy start(InetSocketAddress upstream, Duration delay) throws IOException {
    return new ResponseDelayProxy(upstream, delay);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      threads.submit(() -> connect(client));
    }
  }

  private void connect(Socket client) {
    open.add(client);
    Socket server = new Socket();
    open.add(server);
    try {
      client.setTcpNoDelay(true);
      server.setTcpNoDelay(true);
      server.connect(upstream);
    } catch (IOException e) {
      closeQuietly(client);
      closeQuietly(server);
      return;
    }
    AtomicLong requestSentAt = new AtomicLong(NONE);
    threads.submit(() -> pump(client, server, requestSentAt, true));
    pump(server, client, requestSentAt, false);
  }

  /**
   * Copies {@code from} to {@code to} until either side ends, then closes both. Going to the server it notes when a
   * request started (unless one is already waiting); going to the client it waits, before the first bytes of an
   * answer, until the delay since that moment has passed.
   */
  private void pump(Socket from, Socket to, AtomicLong requestSentAt, boolean towardsServer) {
    byte[] buffer = new byte[BUFFER_BYTES];
    try (from; to) {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (towardsServer) {
          requestSentAt.compareAndSet(NONE, System.nanoTime());
        } else {
          long sentAt = requestSentAt.getAndSet(NONE);
          if (sentAt != NONE) {
            long wait = sentAt + delayNanos - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait); // the simulated network's latency, not a test's wait
          }
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed or reset: the try closes both
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(from);
      open.remove(to);
    }
  }

  @Override
  public void close() {
    closeQuietly(listener);
    open.forEach(ResponseDelayProxy::closeQuietly);
    threads.shutdownNow();
    threads.close(); // joins every thread
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // closing: nothing left to do with it
    }
  }
}
