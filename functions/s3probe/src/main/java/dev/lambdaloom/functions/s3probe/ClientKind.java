package dev.lambdaloom.functions.s3probe;

/**
 * The ways Java can read many S3 objects, as the event's {@code client} names them. Each is a documented option of
 * the AWS SDK for Java v2; the asynchronous ones are in their own deployment zips ({@code s3probe-netty.zip},
 * {@code s3probe-crt.zip}), so {@code s3probe.zip} stays small.
 */
public enum ClientKind {
  /** The synchronous client in a plain loop: {@link Mode#SEQUENTIAL} only. */
  SYNC("sync", null),
  /** The synchronous client, one virtual thread per object, at most {@code concurrency} in flight. */
  VIRTUAL_THREADS("virtual-threads", null),
  /** The synchronous client on a fixed pool of {@code concurrency} platform threads. */
  PLATFORM_THREADS("platform-threads", null),
  /** The asynchronous client on Netty's non-blocking HTTP client, {@code concurrency} requests in flight. */
  NETTY("netty", "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient"),
  /** The asynchronous client built on the AWS Common Runtime (native HTTP, its own connection pool). */
  CRT("crt", "software.amazon.awssdk.crt.CRT");

  private final String label;
  /** A class only the zip that carries this option has; null when every zip has it. */
  private final String marker;

  ClientKind(String label, String marker) {
    this.label = label;
    this.marker = marker;
  }

  public String label() {
    return label;
  }

  public boolean asynchronous() {
    return this == NETTY || this == CRT;
  }

  /** Whether this deployment package carries the option (looked up without loading or initialising it). */
  public boolean inThisPackage() {
    if (marker == null) return true;
    try {
      Class.forName(marker, false, ClientKind.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The deployment zip that carries this option. */
  public String packageName() {
    return switch (this) {
      case SYNC, VIRTUAL_THREADS, PLATFORM_THREADS -> "s3probe.zip";
      case NETTY -> "s3probe-netty.zip";
      case CRT -> "s3probe-crt.zip";
    };
  }
}
