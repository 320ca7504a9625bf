package dev.lambdaloom.services.dynamodb;

import dev.lambdaloom.loopback.FreePort;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local ({@code software.amazon.dynamodb:DynamoDBLocal}) running inside this JVM, in memory, with its
 * telemetry off, on a free port; for the CLI and for tests. Reach it at {@link #endpoint()} (127.0.0.1) or through
 * {@link #client()}.
 *
 * <p>DynamoDB Local has no host option: its server listens on <em>all</em> interfaces, not only loopback, for as
 * long as it runs. Its tables live in SQLite in native memory, outside the Java heap, but every request is parsed on
 * the heap: a JVM that seeds or scans 100,000s of items wants a sized heap (512 MB or more).
 */
public final class DynamoDbLocal implements AutoCloseable {
  private final DynamoDBProxyServer server;
  private final URI endpoint;
  private final DynamoDbClient client;

  private DynamoDbLocal(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
    this.client = DynamoDbClients.forEndpoint(endpoint);
  }

  /** Starts a new, empty, in-memory DynamoDB Local on a free port (about a second). */
  public static DynamoDbLocal start() {
    try {
      // DynamoDB Local does not say which failures are a taken port: any exception gets another port.
      return FreePort.start(DynamoDbLocal::start, failure -> failure instanceof Exception);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
    }
  }

  private static DynamoDbLocal start(int port) throws Exception {
    DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
        new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server, e); // its threads are not daemons: left running they would keep the JVM alive
      throw e;
    }
    return new DynamoDbLocal(server, port);
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
    }
  }

  private static void stopQuietly(DynamoDBProxyServer server, Exception cause) {
    try {
      server.stop();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }
}
