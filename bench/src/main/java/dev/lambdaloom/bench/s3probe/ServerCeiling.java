package dev.lambdaloom.bench.s3probe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 server's own limit for one dataset: GETs per second from the fastest of two unthrottled readers in this JVM
 * (the machine's full CPU, C2) at the fastest of several in-flight levels, each reading the dataset's objects (at
 * most {@link #MAX_BYTES_PER_PASS} of them) {@link #PASSES} times after one warm-up pass: presigned URLs on the JDK's HTTP client (no signing in the loop; spread over
 * {@link #JDK_CLIENTS} clients, since one handles all its connections' I/O on a single selector thread), and the
 * CRT-based S3 client (HTTP in native code). A function that reaches this figure is held by the server, not by
 * itself; one above it shows a reader faster than both.
 *
 * @param getsPerSecond whole GETs (body read) per second
 * @param megabytesPerSecond body bytes per second, in MB (10^6)
 * @param inFlight requests in flight while measured
 * @param reader the reader that gave the figure
 */
record ServerCeiling(double getsPerSecond, double megabytesPerSecond, int inFlight, String reader) {
  static final int PASSES = 2;
  static final int JDK_CLIENTS = 4;
  /** A pass reads this much at most (and at least 100 objects): enough for a steady rate, not a gigabyte. */
  static final long MAX_BYTES_PER_PASS = 200L * 1024 * 1024;

  /**
   * The best figure over {@code inFlightLevels}: more in flight is not always faster (the JDK reader of 1 MB bodies
   * was three times slower at 256 than at 64 here), so the sweep's levels are all tried.
   */
  static ServerCeiling measure(URI endpoint, Region region, AwsCredentialsProvider credentials, String bucket,
      Dataset dataset, List<Integer> inFlightLevels) throws Exception {
    int objects = (int) Math.min(dataset.objects(), Math.max(100, MAX_BYTES_PER_PASS / dataset.objectBytes()));
    ServerCeiling best = null;
    for (int inFlight : inFlightLevels) {
      ServerCeiling here = measure(endpoint, region, credentials, bucket, dataset, objects, inFlight);
      if (best == null || here.getsPerSecond() > best.getsPerSecond()) best = here;
    }
    return best;
  }

  private static ServerCeiling measure(URI endpoint, Region region, AwsCredentialsProvider credentials, String bucket,
      Dataset dataset, int objects, int inFlight) throws Exception {
    List<URI> urls = new ArrayList<>(objects);
    try (S3Presigner presigner = S3Presigner.builder().endpointOverride(endpoint).region(region)
        .credentialsProvider(credentials)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
      for (int i = 0; i < objects; i++) {
        String key = dataset.key(i);
        urls.add(presigner.presignGetObject(p -> p.signatureDuration(Duration.ofHours(1))
            .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toURI());
      }
    }
    ServerCeiling jdk;
    List<HttpClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < JDK_CLIENTS; i++) {
        clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
      }
      jdk = time("JDK HttpClient, presigned", dataset, objects, inFlight, i -> clients.get(i % clients.size())
          .sendAsync(HttpRequest.newBuilder(urls.get(i)).timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofByteArray())
          .thenApply(response -> {
            if (response.statusCode() != 200) {
              throw new IllegalStateException("GET " + urls.get(i).getPath() + ": HTTP " + response.statusCode());
            }
            return response.body().length;
          }));
    } finally {
      clients.forEach(HttpClient::close);
    }
    ServerCeiling crt;
    try (S3AsyncClient s3 = S3AsyncClient.crtBuilder().endpointOverride(endpoint).forcePathStyle(true).region(region)
        .credentialsProvider(credentials).maxConcurrency(inFlight).build()) {
      crt = time("CRT S3 client", dataset, objects, inFlight, i -> s3.getObject(g -> g.bucket(bucket).key(dataset.key(i)),
          AsyncResponseTransformer.toBytes()).thenApply(bytes -> bytes.asByteArrayUnsafe().length));
    }
    return jdk.getsPerSecond() >= crt.getsPerSecond() ? jdk : crt;
  }

  /** One reader's figure: a warm-up pass (connections opened, server caches filled), then the timed passes. */
  private static ServerCeiling time(String reader, Dataset dataset, int objects, int inFlight,
      IntFunction<CompletableFuture<Integer>> get) throws Exception {
    readAll(dataset, objects, inFlight, get);
    long start = System.nanoTime();
    long bytes = 0;
    for (int pass = 0; pass < PASSES; pass++) {
      bytes += readAll(dataset, objects, inFlight, get);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new ServerCeiling((double) PASSES * objects / seconds, bytes / 1e6 / seconds, inFlight, reader);
  }

  /** Reads the first {@code objects} once, {@code inFlight} at a time; a failure or short body fails the figure. */
  private static long readAll(Dataset dataset, int objects, int inFlight, IntFunction<CompletableFuture<Integer>> get)
      throws Exception {
    Semaphore permits = new Semaphore(inFlight);
    AtomicLong bytes = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int i = 0; i < objects; i++) {
      permits.acquire();
      if (failure.get() != null) break;
      String key = dataset.key(i);
      get.apply(i).whenComplete((length, error) -> {
        try {
          if (error != null) {
            failure.compareAndSet(null, error);
          } else if (length != dataset.objectBytes()) {
            failure.compareAndSet(null, new IllegalStateException("GET " + key + ": " + length + " bytes, not "
                + dataset.objectBytes()));
          } else {
            bytes.addAndGet(length);
          }
        } finally {
          permits.release();
        }
      });
    }
    permits.acquire(inFlight); // every request has ended
    if (failure.get() != null) {
      throw new IllegalStateException("the server's ceiling could not be measured", failure.get());
    }
    return bytes.get();
  }
}
