package dev.lambdaloom.services.iot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/** The JDK HttpClient over HTTP/1.1, fetching many URLs with bounded concurrency. */
final class Fetcher implements AutoCloseable {
  /** One answer: a status and body, or the exception the client got. */
  record Fetched(URI uri, int status, byte[] body, HttpResponse<byte[]> response, Exception failure) {}

  final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  Fetched get(URI uri) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Fetched(uri, response.statusCode(), response.body(), response, null);
    } catch (IOException e) {
      return new Fetched(uri, -1, null, null, e);
    }
  }

  Fetched get(String uri) throws InterruptedException {
    return get(URI.create(uri));
  }

  /** Every URL once, at most {@code concurrency} at a time; answers in the order of the URLs. */
  List<Fetched> getAll(List<URI> uris, int concurrency) throws InterruptedException, ExecutionException {
    Semaphore permits = new Semaphore(concurrency);
    List<Future<Fetched>> futures = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (URI uri : uris) {
        futures.add(threads.submit(() -> {
          permits.acquire();
          try {
            return get(uri);
          } finally {
            permits.release();
          }
        }));
      }
      List<Fetched> results = new ArrayList<>();
      for (Future<Fetched> future : futures) {
        results.add(future.get());
      }
      return results;
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
