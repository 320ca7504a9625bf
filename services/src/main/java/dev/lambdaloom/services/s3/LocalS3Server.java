package dev.lambdaloom.services.s3;

import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server on 127.0.0.1, run as a child JVM for tests, demos and benchmarks: Adobe's S3Mock
 * ({@link S3Server}, the default) or gaul's s3proxy ({@link S3ProxyServer}, several times faster). Clients use
 * path-style addressing; {@link #newClient()} gives one that does.
 */
public sealed interface LocalS3Server extends AutoCloseable permits S3Server, S3ProxyServer {
  /** http://127.0.0.1:port, for an SDK client's endpointOverride (with path-style access). */
  String endpoint();

  int port();

  /** The region {@link #newClient()} signs for. */
  String region();

  /** The folder with the child's log (and, unless the objects are held in memory, the objects). */
  Path storage();

  /** From launching the child JVM to its first answer. */
  Duration startupTime();

  /** The child JVM's process id. */
  long pid();

  /** Creates an empty bucket. */
  void createBucket(String name);

  /**
   * A new client for this server (the caller closes it): endpoint override, path-style access, the placeholder
   * credentials, this server's region, the JDK's URL connection as HTTP client, and no {@code Expect: 100-continue}
   * on uploads.
   */
  S3Client newClient();

  /** Stops the child JVM and waits for its end; deletes the storage folder if it was temporary. */
  @Override
  void close() throws InterruptedException;
}
