package dev.lambdaloom.services.s3;

import dev.lambdaloom.loopback.FreePort;
import dev.lambdaloom.services.ServiceEndpoints;
import dev.lambdaloom.services.TemporaryFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What {@link S3Server} and {@link S3ProxyServer} share: the storage folder, the start on a free port, the running
 * child, its clients and its stop. Each subclass says how to launch its server.
 */
abstract class ChildS3Server {
  /** Launches a server's child on {@code port} with its files in {@code storage}. */
  @FunctionalInterface
  interface Launch {
    ChildServer on(int port, Path storage) throws IOException, InterruptedException;
  }

  /** A child that answers, with where it keeps its files. */
  record Launched(ChildServer process, int port, Path storage, boolean temporaryStorage, Duration startupTime) {}

  private final Launched launched;
  private final String region;
  private S3Client adminClient;
  private boolean closed;

  ChildS3Server(Launched launched, String region) {
    this.launched = launched;
    this.region = region;
  }

  /**
   * Makes the storage folder (a new owner-only temporary one when {@code storage} is null) and launches the child on
   * {@code port}, or on a free port when it is 0, tried again on another one while the port was taken. A temporary
   * folder is deleted when the start fails otherwise than in the child, whose failure names its log in the folder.
   */
  static Launched launch(int port, Path storage, String temporaryPrefix, Launch launch)
      throws IOException, InterruptedException {
    boolean temporary = storage == null;
    Path folder = temporary ? TemporaryFolder.create(temporaryPrefix) : storage;
    long started = System.nanoTime();
    FreePort.Start<Launched> startOn = candidate -> new Launched(launch.on(candidate, folder), candidate, folder,
        temporary, Duration.ofNanos(System.nanoTime() - started));
    try {
      return port != 0 ? startOn.on(port)
          : FreePort.start(startOn, failure -> failure instanceof ChildServer.StartFailure f && f.portTaken);
    } catch (ChildServer.StartFailure e) {
      throw e; // the storage folder stays: the error names its log
    } catch (Exception e) {
      if (temporary) {
        deleteRecursively(folder);
      }
      if (e instanceof IOException io) throw io;
      if (e instanceof InterruptedException interrupted) throw interrupted;
      if (e instanceof RuntimeException runtime) throw runtime;
      throw new IOException(e);
    }
  }

  /** Checks a port given in a server's options. */
  static void requirePort(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, not " + port);
    }
  }

  /** Checks the bucket names given in a server's options and returns them as an unmodifiable list. */
  static List<String> requireBucketNames(List<String> names) {
    List<String> copy = List.copyOf(names);
    copy.forEach(BucketName::requireValid);
    return copy;
  }

  static String endpoint(int port) {
    return "http://127.0.0.1:" + port;
  }

  /** See {@link LocalS3Server#endpoint()}. */
  public String endpoint() {
    return endpoint(launched.port());
  }

  /** See {@link LocalS3Server#port()}. */
  public int port() {
    return launched.port();
  }

  /** See {@link LocalS3Server#region()}. */
  public String region() {
    return region;
  }

  /** See {@link LocalS3Server#storage()}. */
  public Path storage() {
    return launched.storage();
  }

  /** See {@link LocalS3Server#startupTime()}. */
  public Duration startupTime() {
    return launched.startupTime();
  }

  /** See {@link LocalS3Server#pid()}. */
  public long pid() {
    return launched.process().pid();
  }

  /** See {@link LocalS3Server#createBucket(String)}. */
  public void createBucket(String name) {
    adminClient().createBucket(b -> b.bucket(name));
  }

  /** See {@link LocalS3Server#newClient()}. */
  public S3Client newClient() {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint()))
        .forcePathStyle(true)
        // The SDK asks for 100-continue on every PutObject and UploadPart; s3proxy failed about 1 % of such uploads
        // under load, and on loopback waiting for the answer only costs a round trip.
        .serviceConfiguration(s3 -> s3.expectContinueEnabled(false))
        .region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            ServiceEndpoints.PLACEHOLDER_CREDENTIAL, ServiceEndpoints.PLACEHOLDER_CREDENTIAL)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  /** See {@link LocalS3Server#close()}. */
  public synchronized void close() throws InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    if (adminClient != null) {
      adminClient.close();
    }
    launched.process().stop();
    if (launched.temporaryStorage()) {
      deleteRecursively(launched.storage());
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

  private static void deleteRecursively(Path folder) {
    try {
      TemporaryFolder.delete(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + folder, e);
    }
  }
}
