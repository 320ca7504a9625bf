package dev.lambdaloom.services.s3;

import dev.lambdaloom.loopback.ListeningSocket;
import dev.lambdaloom.loopback.ListeningSockets;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A local server's child JVM (S3Mock's, s3proxy's, ElasticMQ's): its start with the output to a log file, its readiness, the
 * check that it listens on loopback only, its stop. The first answered HTTP request, whatever its status, means ready
 * (S3Mock initializes lazily, so that request also warms it up).
 */
public final class ChildServer {
  /**
   * S3Mock answers about 7 s after its launch on an idle 2-core machine, and took over 60 s on one shared by several
   * builds (load average 18): three times that (s3proxy needs about 1.5 s). A child that exits is reported at once,
   * whatever is left of it.
   */
  public static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  /** How long to wait for the child's end between two readiness probes: a probe refused at once does not spin. */
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(50);
  private static final Duration PROBE_CONNECT_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration PROBE_ANSWER_TIMEOUT = Duration.ofSeconds(5);
  private static final int TAIL_LINES = 30;

  /**
   * How to run one server.
   *
   * @param name the server's name in messages ("S3Mock")
   * @param command the child's command line
   * @param log the file the child's output is appended to
   * @param endpoint where it answers HTTP once ready
   * @param portTakenSign what the child's log says when its port is in use
   * @param beyondLoopbackHint why a child that listens beyond loopback may do so, for the error
   * @param runsOnAfterFailedBind the child logs a failed bind and keeps running without a listener (ElasticMQ): its
   *     log is watched for {@code portTakenSign} instead of waiting for an exit that never comes
   */
  public record Spec(String name, List<String> command, Path log, URI endpoint, String portTakenSign,
      String beyondLoopbackHint, boolean runsOnAfterFailedBind) {
    /** A child that exits when it cannot bind its port (S3Mock, s3proxy). */
    public Spec(String name, List<String> command, Path log, URI endpoint, String portTakenSign,
        String beyondLoopbackHint) {
      this(name, command, log, endpoint, portTakenSign, beyondLoopbackHint, false);
    }

    public Spec {
      command = List.copyOf(command);
      Objects.requireNonNull(log, "log");
      Objects.requireNonNull(endpoint, "endpoint");
    }
  }

  /** Why the child did not come up; {@code portTaken} when its port was in use. */
  public static final class StartFailure extends IOException {
    final boolean portTaken;

    StartFailure(String message, boolean portTaken) {
      super(message);
      this.portTaken = portTaken;
    }

    /** Whether the child found its port in use: the start may be tried again on another one. */
    public boolean portTaken() {
      return portTaken;
    }
  }

  private final Spec spec;
  private final Process process;
  private final long logStart;
  private final Thread shutdownHook;

  private ChildServer(Spec spec, Process process, long logStart) {
    this.spec = spec;
    this.process = process;
    this.logStart = logStart;
    // A test run that dies without closing the server must not leave the child JVM behind.
    this.shutdownHook = new Thread(process::destroyForcibly,
        spec.name().toLowerCase(Locale.ROOT) + "-reaper-" + process.pid());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts the child and returns once it answers HTTP on the spec's endpoint, listening on loopback only. */
  public static ChildServer start(Spec spec) throws IOException, InterruptedException {
    long logStart = Files.exists(spec.log()) ? Files.size(spec.log()) : 0;
    Process process = new ProcessBuilder(spec.command())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.log().toFile()))
        .start();
    process.getOutputStream().close();
    ChildServer child = new ChildServer(spec, process, logStart);
    try {
      child.awaitReady();
      child.requireLoopbackOnly();
      return child;
    } catch (IOException | InterruptedException | RuntimeException e) {
      child.stop();
      throw e;
    }
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Probes the endpoint until it answers, the child exits or the deadline passes. Each probe is a blocking request on
   * this thread with short timeouts (a second to connect, five for an answer on a port another process may hold):
   * no asynchronous client, whose completion a busy common pool or executor could hold back (a probe through the
   * JDK's HttpClient never completed when the caller occupied the common pool).
   */
  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      if (answers() && process.isAlive()) {
        return;
      }
      // Only this child's lines count: a retry on another port appends to the log of the attempt before.
      if (spec.runsOnAfterFailedBind() && LogTail.after(spec.log(), logStart).contains(spec.portTakenSign())) {
        throw new StartFailure(spec.name() + " could not bind " + spec.endpoint() + ". Last lines of " + spec.log()
            + ":\n" + LogTail.of(spec.log(), TAIL_LINES), true);
      }
      if (process.waitFor(PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
        String tail = LogTail.of(spec.log(), TAIL_LINES);
        throw new StartFailure(spec.name() + " exited with code " + process.exitValue() + " before it answered on "
            + spec.endpoint() + ". Last lines of " + spec.log() + ":\n" + tail,
            tail.contains(spec.portTakenSign()));
      }
      if (System.nanoTime() > deadline) {
        throw new StartFailure(spec.name() + " did not answer on " + spec.endpoint() + " within "
            + READY_TIMEOUT.toSeconds() + " s. Last lines of " + spec.log() + ":\n"
            + LogTail.of(spec.log(), TAIL_LINES), false);
      }
    }
  }

  /** Whether the endpoint answers HTTP at all (any status: a server that says 403 or 404 is up). */
  private boolean answers() {
    HttpURLConnection connection;
    try {
      connection = (HttpURLConnection) spec.endpoint().toURL().openConnection();
    } catch (IOException e) {
      return false;
    }
    connection.setConnectTimeout((int) PROBE_CONNECT_TIMEOUT.toMillis());
    connection.setReadTimeout((int) PROBE_ANSWER_TIMEOUT.toMillis());
    try {
      connection.getResponseCode();
      return true;
    } catch (IOException notYet) {
      return false;
    } finally {
      connection.disconnect();
    }
  }

  /**
   * Fails when the child, once it answers, does not hold the endpoint's port (another process answered), or holds a
   * listening socket beyond loopback: its settings should prevent that, but a jar named by a system property may be
   * another release. Where there is no Linux /proc to read, the settings alone keep it on loopback.
   */
  private void requireLoopbackOnly() throws StartFailure {
    List<ListeningSocket> sockets;
    try {
      sockets = ListeningSockets.heldBy(ListeningSockets.withDescendants(process.toHandle()));
    } catch (UnsupportedOperationException noProc) {
      return;
    }
    int port = spec.endpoint().getPort();
    if (sockets.stream().noneMatch(socket -> socket.port() == port)) {
      // Another process answered on the port before the child found it taken.
      throw new StartFailure(spec.name() + " does not listen on " + port + ", where something else answered. Its log: "
          + spec.log(), true);
    }
    List<ListeningSocket> exposed = sockets.stream().filter(socket -> !socket.loopbackOnly()).toList();
    if (!exposed.isEmpty()) {
      throw new StartFailure(spec.name() + " listens beyond 127.0.0.1, on " + exposed + ", so it was stopped: "
          + spec.beyondLoopbackHint() + " Its log: " + spec.log(), false);
    }
  }

  /** Asks the child to stop (SIGTERM), kills it if it does not within 10 s, and waits for its end. */
  public void stop() throws InterruptedException {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
