package dev.lambdaloom.services.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
public final class S3Server extends ChildS3Server implements LocalS3Server {
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
      requirePort(port);
      initialBuckets = requireBucketNames(initialBuckets);
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

  private S3Server(Launched launched, String region) {
    super(launched, region);
  }

  /** Starts S3Mock and returns once it answers requests (a few seconds). */
  public static S3Server start(Options options) throws IOException, InterruptedException {
    Path jar = ServerJar.S3MOCK.locate();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new S3Server(launch(options.port(), options.storage(), "lambdaloom-s3-", (port, storage) -> {
      Path data = Files.createDirectories(storage.resolve("buckets"));
      List<String> command = new ArrayList<>(
          S3MockProcess.command(java, jar, port, data, options.initialBuckets(), options.region()));
      command.addAll(LoopbackConnector.arguments(storage));
      return S3MockProcess.start(command, storage.resolve("s3mock.log"), URI.create(endpoint(port) + "/"));
    }), options.region());
  }

  /** With {@link Options#defaults()}. */
  public static S3Server start() throws IOException, InterruptedException {
    return start(Options.defaults());
  }
}
