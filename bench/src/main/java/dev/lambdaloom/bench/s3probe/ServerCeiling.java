package dev.lambdaloom.bench.s3probe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 server's own limit for one dataset: GETs per second from the cheapest client there is (presigned URLs, so no
 * signing in the loop, on the JDK's HTTP client with {@code inFlight} requests at a time, in this JVM at the
 * machine's full CPU), reading every object of the dataset {@code passes} times after one warm-up pass. A function
 * that reaches this figure is held by the server, not by itself. The requests are spread over several clients: one
 * JDK client handles all its connections' I/O on a single selector thread, which would cap the figure itself.
 *
 * @param getsPerSecond whole GETs (body read) per second
 * @param megabytesPerSecond body bytes per second, in MB (10^6)
 * @param inFlight requests in flight while measured
 */
record ServerCeiling(double getsPerSecond, double megabytesPerSecond, int inFlight) {
  static final int PASSES = 2;
  /** JDK HTTP clients, each with a selector thread of its own. */
  static final int CLIENTS = 4;

  static ServerCeiling measure(URI endpoint, Region region, AwsCredentialsProvider credentials, String bucket,
      Dataset dataset, int inFlight) throws Exception {
    List<URI> urls = new ArrayList<>(dataset.objects());
    try (S3Presigner presigner = S3Presigner.builder().endpointOverride(endpoint).region(region)
        .credentialsProvider(credentials)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
      for (int i = 0; i < dataset.objects(); i++) {
        String key = dataset.key(i);
        urls.add(presigner.presignGetObject(p -> p.signatureDuration(Duration.ofHours(1))
            .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toURI());
      }
    }
    List<HttpClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < CLIENTS; i++) {
        clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
      }
      readAll(clients, urls, inFlight, dataset.objectBytes()); // warm-up: connections opened, server caches filled
      long start = System.nanoTime();
      long bytes = 0;
      for (int pass = 0; pass < PASSES; pass++) {
        bytes += readAll(clients, urls, inFlight, dataset.objectBytes());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new ServerCeiling(PASSES * urls.size() / seconds, bytes / 1e6 / seconds, inFlight);
    } finally {
      clients.forEach(HttpClient::close);
    }
  }

  /** Reads every URL once, {@code inFlight} at a time; any failure or short body fails the measurement. */
  private static long readAll(List<HttpClient> clients, List<URI> urls, int inFlight, int expectedBytes)
      throws Exception {
    Semaphore permits = new Semaphore(inFlight);
    AtomicLong bytes = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int i = 0; i < urls.size(); i++) {
      URI url = urls.get(i);
      permits.acquire();
      if (failure.get() != null) break;
      clients.get(i % clients.size()).sendAsync(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
            try {
              if (error != null) {
                failure.compareAndSet(null, error);
              } else if (response.statusCode() != 200 || response.body().length != expectedBytes) {
                failure.compareAndSet(null, new IllegalStateException("GET " + url.getPath() + ": HTTP "
                    + response.statusCode() + ", " + response.body().length + " bytes"));
              } else {
                bytes.addAndGet(response.body().length);
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
