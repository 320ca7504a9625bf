package dev.lambdaloom.services.sqs;

import dev.lambdaloom.loopback.FreePort;
import dev.lambdaloom.services.ServiceEndpoints;
import dev.lambdaloom.services.TemporaryFolder;
import dev.lambdaloom.services.s3.ChildServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An SQS-compatible server on 127.0.0.1: ElasticMQ, from Maven Central, run as a child JVM from its jars (see
 * {@code services/elasticmq/target/elasticmq/}). It speaks SQS's JSON and query protocols, has standard and FIFO
 * queues, visibility timeouts, long polling, and moves a message to the queue's dead-letter queue once its
 * {@code RedrivePolicy}'s maxReceiveCount is reached. Queues and messages live in the child's memory; its folder (a
 * temporary one, deleted on close) holds {@code elasticmq.conf} and {@code elasticmq.log}. It accepts any credentials.
 */
public final class ElasticMqServer implements AutoCloseable {
  /**
   * How to start the server.
   *
   * @param port the loopback port; 0 picks a free one
   * @param region the region of queue ARNs and of {@link #newClient()}
   * @param accountId the account of queue ARNs and URLs (the emulator's default: 123456789012)
   * @param heapMegabytes the child JVM's maximum heap
   */
  public record Options(int port, String region, String accountId, int heapMegabytes) {
    public Options {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535, not " + port);
      }
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(accountId, "accountId");
      if (heapMegabytes < 64) {
        throw new IllegalArgumentException("ElasticMQ needs a heap of 64 MB or more, not " + heapMegabytes + " MB");
      }
    }

    /** A free port, us-east-1, account 123456789012, a heap of 256 MB. */
    public static Options defaults() {
      return new Options(0, "us-east-1", "123456789012", 256);
    }

    public Options withPort(int value) {
      return new Options(value, region, accountId, heapMegabytes);
    }

    public Options withRegion(String value) {
      return new Options(port, value, accountId, heapMegabytes);
    }

    public Options withAccountId(String value) {
      return new Options(port, region, value, heapMegabytes);
    }
  }

  private record Launched(ChildServer process, int port) {}

  private final Options options;
  private final Launched launched;
  private final Path folder;
  private final Duration startupTime;
  private boolean closed;

  private ElasticMqServer(Options options, Launched launched, Path folder, Duration startupTime) {
    this.options = options;
    this.launched = launched;
    this.folder = folder;
    this.startupTime = startupTime;
  }

  /**
   * Starts ElasticMQ and returns once it answers on 127.0.0.1 (about 2 s on an idle 2-core machine). On a free port,
   * it is tried again on another one while the port was taken. A failed child's log is kept and named in the error.
   */
  public static ElasticMqServer start(Options options) throws IOException, InterruptedException {
    Path classPath = ElasticMqClassPath.locate();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path folder = TemporaryFolder.create("lambdaloom-elasticmq-");
    long began = System.nanoTime();
    FreePort.Start<Launched> startOn = port -> {
      Path config = ElasticMqProcess.writeConfig(folder, port, options.region(), options.accountId());
      return new Launched(ElasticMqProcess.start(
          ElasticMqProcess.command(java, classPath, config, options.heapMegabytes()),
          folder.resolve(ElasticMqProcess.LOG_FILE), URI.create(endpoint(port) + "/")), port);
    };
    try {
      Launched launched = options.port() != 0 ? startOn.on(options.port())
          : FreePort.start(startOn, failure -> failure instanceof ChildServer.StartFailure f && f.portTaken());
      return new ElasticMqServer(options, launched, folder, Duration.ofNanos(System.nanoTime() - began));
    } catch (ChildServer.StartFailure e) {
      throw e; // the folder stays: the error names the log in it
    } catch (IOException | InterruptedException | RuntimeException e) {
      deleteAfterFailure(folder, e);
      throw e;
    } catch (Exception e) {
      IOException failure = new IOException("ElasticMQ did not start", e);
      deleteAfterFailure(folder, failure);
      throw failure;
    }
  }

  private static void deleteAfterFailure(Path folder, Exception failure) {
    try {
      TemporaryFolder.delete(folder);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** With {@link Options#defaults()}. */
  public static ElasticMqServer start() throws IOException, InterruptedException {
    return start(Options.defaults());
  }

  private static String endpoint(int port) {
    return "http://127.0.0.1:" + port;
  }

  /** The SQS endpoint, {@code http://127.0.0.1:PORT}: what AWS_ENDPOINT_URL_SQS gives the SDKs. */
  public URI endpoint() {
    return URI.create(endpoint(launched.port()));
  }

  public int port() {
    return launched.port();
  }

  public String region() {
    return options.region();
  }

  /** The ARN of queue {@code name} as this server reports it (and RedrivePolicy names a dead-letter queue by). */
  public String queueArn(String name) {
    return "arn:aws:sqs:" + options.region() + ":" + options.accountId() + ":" + name;
  }

  /** The child JVM's process id. */
  public long pid() {
    return launched.process().pid();
  }

  /** From the launch to the first answer. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Where the configuration and the log are. */
  public Path folder() {
    return folder;
  }

  /** A new client for this server (placeholder credentials, the URL connection client); the caller closes it. */
  public SqsClient newClient() {
    return SqsClient.builder()
        .endpointOverride(endpoint())
        .region(Region.of(options.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            ServiceEndpoints.PLACEHOLDER_CREDENTIAL, ServiceEndpoints.PLACEHOLDER_CREDENTIAL)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  /** Stops the child (its queues and messages are gone) and deletes its folder. */
  @Override
  public synchronized void close() throws InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    launched.process().stop();
    try {
      TemporaryFolder.delete(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + folder, e);
    }
  }
}
