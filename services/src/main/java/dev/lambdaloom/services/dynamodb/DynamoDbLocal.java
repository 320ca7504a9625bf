package dev.lambdaloom.services.dynamodb;

import dev.lambdaloom.loopback.FreePort;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.CommandLineInput;
import software.amazon.dynamodb.services.local.server.AbstractLocalDynamoDBServerHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local ({@code software.amazon.dynamodb:DynamoDBLocal}) running inside this JVM, in memory, with its
 * telemetry off, on a free port of 127.0.0.1 only; for the CLI and for tests. Reach it at {@link #endpoint()} or
 * through {@link #client()}.
 *
 * <p>One database for every client ({@code -sharedDb}): without it DynamoDB Local keeps a database per access key id
 * and region, and a function that inherits other credentials than the code that created a table finds no table.
 *
 * <p>Its tables live in SQLite in native memory, outside the Java heap, but every request is parsed on the heap: a JVM
 * that seeds or scans 100,000s of items wants a sized heap (512 MB or more).
 */
public final class DynamoDbLocal implements AutoCloseable {
  /** Read by DynamoDB Local's own command-line parser, so the flags mean exactly what its launcher makes of them. */
  private static final String[] FLAGS = {"-inMemory", "-sharedDb", "-disableTelemetry"};

  private final Server server;
  private final AbstractLocalDynamoDBServerHandler handler;
  private final URI endpoint;
  private final DynamoDbClient client;

  private DynamoDbLocal(Server server, AbstractLocalDynamoDBServerHandler handler, int port) {
    this.server = server;
    this.handler = handler;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
    this.client = DynamoDbClients.forEndpoint(endpoint);
  }

  /** Starts a new, empty, in-memory DynamoDB Local on a free port (about a second). */
  public static DynamoDbLocal start() {
    return start(0);
  }

  /** Starts a new, empty, in-memory DynamoDB Local on {@code port} of 127.0.0.1; 0 for a free one. */
  public static DynamoDbLocal start(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, not " + port);
    }
    try {
      return port != 0 ? startOn(port) : FreePort.start(DynamoDbLocal::startOn, DynamoDbLocal::portTaken);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
    }
  }

  /**
   * DynamoDB Local's launcher ({@code ServerRunner}) has no host option: its {@code DynamoDBProxyServer} makes a Jetty
   * {@code Server(port)}, whose connector listens on every interface. So the same request handler the launcher builds
   * (same constructors, same parsed flags) is put behind a Jetty server of our own whose one connector is bound to
   * 127.0.0.1. Public constructors only, no reflection: a DynamoDB Local that changes them fails the build, not a run.
   * Telemetry is not even configured ({@code -disableTelemetry} would make it a no-op).
   */
  private static DynamoDbLocal startOn(int port) throws Exception {
    List<String> arguments = new ArrayList<>(List.of(FLAGS));
    arguments.addAll(List.of("-port", Integer.toString(port)));
    CommandLineInput input = new CommandLineInput(arguments.toArray(String[]::new));
    if (!input.init()) {
      throw new IllegalStateException("DynamoDB Local refused its flags " + arguments);
    }
    int authorityLevel = 0; // what ServerRunner.createServer passes
    AbstractLocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(
        new LocalDynamoDBRequestHandler(authorityLevel, input.isInMemory(), input.getDbPath(), input.getSharedDb(),
            input.shouldDelayTransientStatuses()),
        input.getCorsParams());
    Server server = new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    ContextHandler context = new ContextHandler(); // as DynamoDBProxyServer.setUpHandler wraps it
    context.setHandler(handler);
    server.setHandler(new ContextHandlerCollection(context));
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server, handler, e); // its threads are not daemons: left running they would keep the JVM alive
      throw e;
    }
    return new DynamoDbLocal(server, handler, port);
  }

  private static boolean portTaken(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  /**
   * CPU time spent so far by DynamoDB Local's SQLite threads. It runs every table operation as a job on one SQLite
   * queue thread per database, so that thread's share of wall-clock time says how close a workload is to the most
   * this server can do, however many clients call it at once. -1 where the JVM cannot measure thread CPU time.
   */
  public long storeCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) return -1;
    long total = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("SQLiteQueue")) {
        long cpu = threads.getThreadCpuTime(thread.threadId());
        if (cpu > 0) total += cpu;
      }
    }
    return total;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return endpoint.getPort();
  }

  /** A client for this server, shared, closed with it; one attempt per call (see {@link DynamoDbClients}). */
  public DynamoDbClient client() {
    return client;
  }

  /** Stops the server; its tables are gone. */
  @Override
  public void close() {
    client.close();
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
    } finally {
      handler.close();
    }
  }

  private static void stopQuietly(Server server, AbstractLocalDynamoDBServerHandler handler, Exception cause) {
    try {
      server.stop();
    } catch (Exception e) {
      cause.addSuppressed(e);
    } finally {
      handler.close();
    }
  }
}
