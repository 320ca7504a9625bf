package dev.lambdaloom.services.s3;

import dev.lambdaloom.loopback.FreePort;
import dev.lambdaloom.services.TemporaryFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server on 127.0.0.1 for tests, demos and benchmarks: Adobe's S3Mock, run as a
 * child JVM from its exec jar (see {@code services/target/services/s3mock.jar}), every one of its
 * connectors on 127.0.0.1 only (see {@link LoopbackConnector}). Clients must use path-style
 * addressing; {@link #newClient()} gives one that does.
 *
 * <p>The storage folder holds {@code s3mock.log} (the child's output), {@code buckets/} (the
 * objects) and the child's connector settings. A folder given in the options is kept on close; the
 * default temporary one is deleted.
 */
public final class S3Server implements AutoCloseable {
  /**
   * How to start the server.
   *
   * @param port the loopback port; 0 picks a free one
   * @param storage the folder for objects and the log; null for a temporary folder deleted on close
   * @param initialBuckets buckets that exist from the start
   * @param region the region S3Mock reports and {@link #newClient()} uses
   */
  public record Options(int port, Path storage, List<String> initialBuckets, String region) {
    public Options {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535, not " + port);
      }
      initialBuckets = List.copyOf(initialBuckets);
      initialBuckets.forEach(BucketName::requireValid);
      Objects.requireNonNull(region, "region");
    }

    /** A free port, a temporary folder, no buckets, us-east-1. */
    public static Options defaults() {
      return new Options(0, null, List.of(), "us-east-1");
    }

    public Options withPort(int value) {
      return new Options(value, storage, initialBuckets, region);
    }

    public Options withStorage(Path value) {
      return new Options(port, value, initialBuckets, region);
    }

    public Options withInitialBuckets(String... names) {
      return new Options(port, storage, List.of(names), region);
    }

    public Options withRegion(String value) {
      return new Options(port, storage, initialBuckets, value);
    }
  }

  private final Options options;
  private final Path storage;
  private final boolean temporaryStorage;
  private final int port;
  private final S3MockProcess process;
  private final Duration startupTime;
  private S3Client adminClient;
  private boolean closed;

  private S3Server(Options options, Path storage, boolean temporaryStorage, int port, S3MockProcess process,
      Duration startupTime) {
    this.options = options;
    this.storage = storage;
    this.temporaryStorage = temporaryStorage;
    this.port = port;
    this.process = process;
    this.startupTime = startupTime;
  }

  /** Starts S3Mock and returns once it answers requests (a few seconds). */
  public static S3Server start(Options options) throws IOException, InterruptedException {
    Path jar = S3MockJar.locate();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    boolean temporary = options.storage() == null;
    Path storage = temporary ? TemporaryFolder.create("lambdaloom-s3-") : options.storage();
    Path data = Files.createDirectories(storage.resolve("buckets"));
    Path log = storage.resolve("s3mock.log");
    long started = System.nanoTime();
    FreePort.Start<S3Server> startOn = port -> {
      List<String> command = new ArrayList<>(
          S3MockProcess.command(java, jar, port, data, options.initialBuckets(), options.region()));
      command.addAll(LoopbackConnector.arguments(storage));
      S3MockProcess process = S3MockProcess.start(command, log, URI.create(endpoint(port) + "/"));
      return new S3Server(options, storage, temporary, port, process, Duration.ofNanos(System.nanoTime() - started));
    };
    try {
      return options.port() != 0 ? startOn.on(options.port())
          : FreePort.start(startOn, failure -> failure instanceof S3MockProcess.StartFailure f && f.portTaken);
    } catch (S3MockProcess.StartFailure e) {
      throw e; // the storage folder stays: the error names its log
    } catch (Exception e) {
      if (temporary) {
        deleteRecursively(storage);
      }
      if (e instanceof IOException io) throw io;
      if (e instanceof InterruptedException interrupted) throw interrupted;
      if (e instanceof RuntimeException runtime) throw runtime;
      throw new IOException(e);
    }
  }

  /** With {@link Options#defaults()}. */
  public static S3Server start() throws IOException, InterruptedException {
    return start(Options.defaults());
  }

  /** http://127.0.0.1:port, for an SDK client's endpointOverride (with path-style access). */
  public String endpoint() {
    return endpoint(port);
  }

  public int port() {
    return port;
  }

  public String region() {
    return options.region();
  }

  /** The folder with {@code s3mock.log} and {@code buckets/}. */
  public Path storage() {
    return storage;
  }

  /** From launching the child JVM to its first answer. */
  public Duration startupTime() {
    return startupTime;
  }

  /** The child JVM's process id. */
  public long pid() {
    return process.pid();
  }

  public void createBucket(String name) {
    adminClient().createBucket(b -> b.bucket(name));
  }

  /**
   * A new client for this server (the caller closes it): endpoint override, path-style access,
   * dummy static credentials, this server's region, and the JDK's URL connection as HTTP client.
   */
  public S3Client newClient() {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint()))
        .forcePathStyle(true)
        .region(Region.of(options.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  /** Stops the child JVM and waits for its end; deletes the storage folder if it was temporary. */
  @Override
  public synchronized void close() throws InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    if (adminClient != null) {
      adminClient.close();
    }
    process.stop();
    if (temporaryStorage) {
      deleteRecursively(storage);
    }
  }

  private synchronized S3Client adminClient() {
    if (closed) {
      throw new IllegalStateException("the S3 server is closed");
    }
    if (adminClient == null) {
      adminClient = newClient();
    }
    return adminClient;
  }

  private static String endpoint(int port) {
    return "http://127.0.0.1:" + port;
  }

  private static void deleteRecursively(Path folder) {
    try {
      TemporaryFolder.delete(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + folder, e);
    }
  }
}
