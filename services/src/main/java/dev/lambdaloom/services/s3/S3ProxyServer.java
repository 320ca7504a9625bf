package dev.lambdaloom.services.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An S3-compatible server on 127.0.0.1, several times faster than {@link S3Server}'s S3Mock: gaul's s3proxy, run as a
 * child JVM from its jar-with-dependencies (see {@code services/target/services/s3proxy.jar}), its only listener on
 * 127.0.0.1, with its objects in files or in memory (jclouds' {@code filesystem} and {@code transient} providers). It
 * checks AWS signatures (V2 or V4) made with the placeholder credentials {@link #newClient()} uses. Clients must use
 * path-style addressing and should not send {@code Expect: 100-continue} (about 1 % of such uploads failed under
 * load); {@link #newClient()} gives one that does neither.
 *
 * <p>The storage folder holds {@code s3proxy.log} (the child's output), {@code s3proxy.properties} and, with
 * {@link Backend#FILESYSTEM}, {@code buckets/} (a folder per bucket, a file per object). A folder given in the options
 * is kept on close; the default temporary one, readable by its owner only, is deleted.
 */
public final class S3ProxyServer extends ChildS3Server implements LocalS3Server {
  /** Where s3proxy keeps the objects. */
  public enum Backend {
    /** Files under the storage folder's {@code buckets/} (jclouds' {@code filesystem} provider). */
    FILESYSTEM("filesystem"),
    /** The child's heap (jclouds' {@code transient} provider): size the heap for the objects. */
    IN_MEMORY("transient");

    private final String provider;

    Backend(String provider) {
      this.provider = provider;
    }
  }

  /**
   * How to start the server.
   *
   * @param port the loopback port; 0 picks a free one
   * @param storage the folder for the log, the properties and the objects' files; null for a temporary folder deleted
   *     on close
   * @param backend files or memory
   * @param initialBuckets buckets created before {@link #start(Options)} returns
   * @param region the region {@link #newClient()} signs for
   * @param heapMegabytes the child JVM's maximum heap
   */
  public record Options(int port, Path storage, Backend backend, List<String> initialBuckets, String region,
      int heapMegabytes) {
    public Options {
      requirePort(port);
      Objects.requireNonNull(backend, "backend");
      initialBuckets = requireBucketNames(initialBuckets);
      Objects.requireNonNull(region, "region");
      if (heapMegabytes < 64) {
        throw new IllegalArgumentException("s3proxy needs a heap of 64 MB or more, not " + heapMegabytes + " MB");
      }
    }

    /** A free port, a temporary folder, objects in files, no buckets, us-east-1, a heap of 256 MB. */
    public static Options defaults() {
      return new Options(0, null, Backend.FILESYSTEM, List.of(), "us-east-1", 256);
    }

    public Options withPort(int value) {
      return new Options(value, storage, backend, initialBuckets, region, heapMegabytes);
    }

    public Options withStorage(Path value) {
      return new Options(port, value, backend, initialBuckets, region, heapMegabytes);
    }

    public Options withBackend(Backend value) {
      return new Options(port, storage, value, initialBuckets, region, heapMegabytes);
    }

    public Options withInitialBuckets(String... names) {
      return new Options(port, storage, backend, List.of(names), region, heapMegabytes);
    }

    public Options withRegion(String value) {
      return new Options(port, storage, backend, initialBuckets, value, heapMegabytes);
    }

    public Options withHeapMegabytes(int value) {
      return new Options(port, storage, backend, initialBuckets, region, value);
    }
  }

  private final Backend backend;

  private S3ProxyServer(Launched launched, Options options) {
    super(launched, options.region());
    this.backend = options.backend();
  }

  /** Starts s3proxy, creates the initial buckets and returns (about 1.5 s on an idle 2-core machine). */
  public static S3ProxyServer start(Options options) throws IOException, InterruptedException {
    Path jar = ServerJar.S3PROXY.locate();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    S3ProxyServer server = new S3ProxyServer(launch(options.port(), options.storage(), "lambdaloom-s3proxy-",
        (port, storage) -> {
          Path objects = options.backend() == Backend.FILESYSTEM
              ? Files.createDirectories(storage.resolve("buckets")) : null;
          Path properties = S3ProxyProcess.writeProperties(storage, port, options.backend().provider, objects);
          return S3ProxyProcess.start(S3ProxyProcess.command(java, jar, properties, options.heapMegabytes()),
              storage.resolve("s3proxy.log"), URI.create(endpoint(port) + "/"));
        }), options);
    try {
      options.initialBuckets().forEach(server::createBucket);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** With {@link Options#defaults()}. */
  public static S3ProxyServer start() throws IOException, InterruptedException {
    return start(Options.defaults());
  }

  /** Where this server keeps the objects. */
  public Backend backend() {
    return backend;
  }
}
