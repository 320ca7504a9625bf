package dev.lambdaloom.services.s3;

import dev.lambdaloom.loopback.ListeningSocket;
import dev.lambdaloom.loopback.ListeningSockets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One S3Mock child JVM: its command line, its start and readiness, its stop. Output goes to a log
 * file; the first answered HTTP request means ready (S3Mock initializes lazily, so that request also
 * warms it up).
 */
final class S3MockProcess {
  /**
   * S3Mock answers about 7 s after its launch on an idle 2-core machine, and took over 60 s on one shared by several
   * builds (load average 18): three times that. A child that exits is reported at once, whatever is left of it.
   */
  static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final int TAIL_LINES = 30;

  /** Why the child did not come up; {@code portTaken} when its port was in use. */
  static final class StartFailure extends IOException {
    final boolean portTaken;

    StartFailure(String message, boolean portTaken) {
      super(message);
      this.portTaken = portTaken;
    }
  }

  private final Process process;
  private final Thread shutdownHook;

  private S3MockProcess(Process process) {
    this.process = process;
    // A test run that dies without closing the server must not leave the child JVM behind.
    this.shutdownHook = new Thread(process::destroyForcibly, "s3mock-reaper-" + process.pid());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  static List<String> command(Path java, Path jar, int port, Path dataDirectory, List<String> initialBuckets,
      String region) {
    List<String> command = new ArrayList<>(List.of(
        java.toString(),
        "-Xmx384m",
        "-XX:+UseSerialGC",
        // C1 only and the CDS archive: S3Mock is a test server, start time matters more than peak speed.
        "-XX:TieredStopAtLevel=1",
        "-Xshare:auto",
        "-jar", jar.toString(),
        // S3Mock's main connector (server.*) is HTTPS by default: it serves plain HTTP on loopback here.
        // Its extra HTTP connector (http.port) gets a random port nobody uses; S3Server adds the
        // LoopbackConnector arguments that bind it to 127.0.0.1 too.
        "--server.address=127.0.0.1",
        "--server.port=" + port,
        "--server.ssl.enabled=false",
        "--http.port=0",
        "--spring.main.banner-mode=off",
        "--com.adobe.testing.s3mock.store.root=" + dataDirectory,
        // S3Server decides what happens to the files; S3Mock would delete its root on exit.
        "--com.adobe.testing.s3mock.store.retain-files-on-exit=true",
        "--com.adobe.testing.s3mock.store.region=" + region));
    if (!initialBuckets.isEmpty()) {
      command.add("--com.adobe.testing.s3mock.store.initial-buckets=" + String.join(",", initialBuckets));
    }
    return command;
  }

  /** Starts the command and returns once it answers HTTP on {@code endpoint}. */
  static S3MockProcess start(List<String> command, Path log, URI endpoint) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    process.getOutputStream().close();
    S3MockProcess child = new S3MockProcess(process);
    try {
      child.awaitReady(endpoint, log);
      child.requireLoopbackOnly(log);
      return child;
    } catch (IOException | InterruptedException | RuntimeException e) {
      child.stop();
      throw e;
    }
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  private void awaitReady(URI endpoint, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    HttpRequest probe = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5)).GET().build();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
      while (true) {
        if (!process.isAlive()) {
          String tail = LogTail.of(log, TAIL_LINES);
          throw new StartFailure("S3Mock exited with code " + process.exitValue() + " before it answered on "
              + endpoint + ". Last lines of " + log + ":\n" + tail,
              tail.contains("already in use"));
        }
        try {
          http.send(probe, HttpResponse.BodyHandlers.discarding());
          return;
        } catch (IOException notYet) {
          // not listening yet
        }
        if (System.nanoTime() > deadline) {
          throw new StartFailure("S3Mock did not answer on " + endpoint + " within " + READY_TIMEOUT.toSeconds()
              + " s. Last lines of " + log + ":\n" + LogTail.of(log, TAIL_LINES), false);
        }
        Thread.sleep(50);
      }
    }
  }

  /**
   * Fails when the child, once it answers, holds a listening socket beyond loopback: LoopbackConnector's arguments
   * should prevent it, but a jar named by the system property may be another S3Mock. Where there is no Linux /proc to
   * read, the arguments alone keep it on loopback.
   */
  private void requireLoopbackOnly(Path log) throws StartFailure {
    List<ListeningSocket> exposed;
    try {
      exposed = ListeningSockets.heldBy(ListeningSockets.withDescendants(process.toHandle())).stream()
          .filter(socket -> !socket.loopbackOnly())
          .toList();
    } catch (UnsupportedOperationException noProc) {
      return;
    }
    if (!exposed.isEmpty()) {
      throw new StartFailure("S3Mock listens beyond 127.0.0.1, on " + exposed + ", so it was stopped: this S3Mock jar"
          + " does not take LoopbackConnector's settings (S3Mock 5.2.0 does). Its log: " + log, false);
    }
  }

  /** Asks the child to stop (SIGTERM), kills it if it does not within 10 s, and waits for its end. */
  void stop() throws InterruptedException {
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
