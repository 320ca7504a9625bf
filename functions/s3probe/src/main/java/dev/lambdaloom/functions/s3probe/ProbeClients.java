package dev.lambdaloom.functions.s3probe;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 clients of one container (or one {@link S3ProbeMain} run), built once and shared by every invocation: a
 * client holds connection pools and threads worth keeping warm. Only the options this deployment package carries
 * are ever built (see {@link ClientKind#inThisPackage()}); each is built on first use, or all at once in the init
 * phase by {@link #warmUp()}. The client fields are guarded by the instance's monitor.
 */
final class ProbeClients implements AutoCloseable {
  /** The most connections a client may hold: {@link ProbeRequest#MAX_CONCURRENCY} GETs in flight. */
  static final int MAX_CONNECTIONS = ProbeRequest.MAX_CONCURRENCY;
  /** The asynchronous clients' socket timeout; their reads also end at the event's request timeout. */
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

  private final Region region;
  private final URI endpoint;
  private final AwsCredentialsProvider credentials;
  /** For priming: the HTTP client every synchronous client uses instead of its own; null for their own. */
  private final SdkHttpClient syncHttp;
  /** Synchronous clients by socket timeout: one per request timeout in use, usually just the default's. */
  private final Map<Duration, S3Client> sync = new HashMap<>();
  private S3AsyncClient netty;
  private S3AsyncClient crt;

  /**
   * @param endpoint an S3-compatible endpoint (path-style addressing), or null for AWS's
   */
  ProbeClients(Region region, URI endpoint, AwsCredentialsProvider credentials) {
    this(region, endpoint, credentials, null);
  }

  /** @param syncHttp the HTTP client of every synchronous client (priming's, that sends nothing), or null */
  ProbeClients(Region region, URI endpoint, AwsCredentialsProvider credentials, SdkHttpClient syncHttp) {
    this.region = region;
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.syncHttp = syncHttp;
  }

  /**
   * As Lambda configures a function: region and {@code AWS_ENDPOINT_URL_S3} from its environment.
   *
   * @param credentials Lambda's, re-read after a SnapStart restore (see {@code RestorableCredentials})
   */
  static ProbeClients fromEnvironment(Map<String, String> environment, AwsCredentialsProvider credentials) {
    String endpoint = environment.getOrDefault("AWS_ENDPOINT_URL_S3", environment.get("AWS_ENDPOINT_URL"));
    return new ProbeClients(Region.of(environment.getOrDefault("AWS_REGION", "us-east-1")),
        endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint), credentials);
  }

  /**
   * The synchronous client whose socket timeout is {@code requestTimeout}: a body that stops arriving fails its read
   * after that long without a byte, on any thread (see {@link SyncObjects}).
   */
  synchronized S3Client sync(Duration requestTimeout) {
    return sync.computeIfAbsent(requestTimeout, timeout -> {
      var builder = S3Client.builder().region(region).credentialsProvider(credentials)
          .httpClient(syncHttp != null ? syncHttp : UrlConnectionHttpClient.builder().socketTimeout(timeout).build());
      if (endpoint != null) builder.endpointOverride(endpoint).forcePathStyle(true);
      return builder.build();
    });
  }

  synchronized S3AsyncClient async(ClientKind kind) {
    return switch (kind) {
      case NETTY -> netty != null ? netty : (netty = buildNetty());
      case CRT -> crt != null ? crt : (crt = buildCrt());
      case SYNC, VIRTUAL_THREADS, PLATFORM_THREADS -> throw new IllegalArgumentException(kind + " is synchronous");
    };
  }

  private S3AsyncClient buildNetty() {
    var builder = S3AsyncClient.builder().region(region).credentialsProvider(credentials)
        .httpClientBuilder(NettyHttp.builder(MAX_CONNECTIONS, SOCKET_TIMEOUT));
    if (endpoint != null) builder.endpointOverride(endpoint).forcePathStyle(true);
    return builder.build();
  }

  private S3AsyncClient buildCrt() {
    var builder = S3AsyncClient.crtBuilder().region(region).credentialsProvider(credentials)
        .maxConcurrency(MAX_CONNECTIONS);
    if (endpoint != null) builder.endpointOverride(endpoint).forcePathStyle(true);
    return builder.build();
  }

  /**
   * Builds every client this package carries, in the init phase (which Lambda runs at full CPU and does not bill):
   * Init Duration then shows what each option costs to start, and the first invocation does not pay it.
   */
  void warmUp() {
    sync(Duration.ofMillis(ProbeRequest.DEFAULT_REQUEST_TIMEOUT_MS));
    for (ClientKind kind : new ClientKind[] {ClientKind.NETTY, ClientKind.CRT}) {
      if (kind.inThisPackage()) async(kind);
    }
  }

  @Override
  public synchronized void close() {
    sync.values().forEach(S3Client::close);
    if (netty != null) netty.close();
    if (crt != null) crt.close();
  }

  /**
   * Closes every client and forgets it, to be built again on next use (or by {@link #warmUp()}): before a SnapStart
   * snapshot, which must not hold the asynchronous clients' event loop threads, native state and pooled connections.
   */
  synchronized void release() {
    close();
    sync.clear();
    netty = null;
    crt = null;
  }
}
