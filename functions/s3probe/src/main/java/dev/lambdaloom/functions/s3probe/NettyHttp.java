package dev.lambdaloom.functions.s3probe;

import java.time.Duration;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;

/**
 * The only class that names Netty's HTTP client: it is loaded only when the netty option is built, so the zips
 * without Netty never resolve it.
 */
final class NettyHttp {
  private NettyHttp() {}

  static SdkAsyncHttpClient.Builder<?> builder(int maxConnections, Duration readTimeout) {
    return NettyNioAsyncHttpClient.builder().maxConcurrency(maxConnections)
        .maxPendingConnectionAcquires(maxConnections * 10).readTimeout(readTimeout);
  }
}
