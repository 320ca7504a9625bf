package dev.lambdaloom.bench.tourist;

import dev.lambdaloom.bench.LatencyRecorder;
import dev.lambdaloom.bench.LatencySummary;
import dev.lambdaloom.bench.ProgressBar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small {@code hey} for the tourist API: {@code concurrency} workers share {@code requests}
 * requests of a {@link RequestMix}, each worker sending its next request as soon as the previous
 * one is answered (closed loop, like hey -c). Round trips go to HdrHistogram recorders; every
 * answered request's Lambda request id is kept, to find its REPORT line.
 *
 * <p>Reads pick among the given ids; an update changes a tourist its own worker created, with
 * that tourist's ETag, so updates never conflict with each other (and a 412 would mean a bug).
 */
public final class LoadGenerator {
  private static final String LAMBDA_REQUEST_ID = "x-lambdaloom-lambda-request-id";
  private static final String[] COUNTRIES = {"FR", "JP", "BR", "KE", "IN", "DE", "US", "AU", "EG", "MX"};

  private final URI endpoint;
  private final List<String> knownIds;
  private final HttpClient http;

  /**
   * @param endpoint the gateway, e.g. http://127.0.0.1:3000
   * @param knownIds ids of existing tourists, for reads
   */
  public LoadGenerator(URI endpoint, List<String> knownIds) {
    if (knownIds.isEmpty()) {
      throw new IllegalArgumentException("reads need at least one existing tourist");
    }
    this.endpoint = endpoint;
    this.knownIds = List.copyOf(knownIds);
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  }

  public LoadResult run(int concurrency, int requests, RequestMix mix, long seed, String label) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    LatencyRecorder all = new LatencyRecorder();
    Map<Operation, LatencyRecorder> byOperation = new EnumMap<>(Operation.class);
    for (Operation operation : Operation.values()) {
      byOperation.put(operation, new LatencyRecorder());
    }
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    List<LoadResult.Invocation> invocations = Collections.synchronizedList(new ArrayList<>(requests));
    List<Thread> workers = new ArrayList<>();
    long start;
    try (ProgressBar progress = ProgressBar.start(label, requests)) {
      start = System.nanoTime();
      for (int w = 0; w < concurrency; w++) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003 + w);
        workers.add(Thread.ofVirtual().name("load-" + w).start(() -> {
          Worker worker = new Worker(random);
          while (next.getAndIncrement() < requests) {
            Operation operation = mix.pick(random);
            if (operation == Operation.UPDATE && worker.ownId == null) {
              operation = Operation.CREATE; // nothing of its own to update yet
            }
            long sent = System.nanoTime();
            HttpResponse<String> response = worker.send(operation);
            long took = System.nanoTime() - sent;
            all.record(took);
            byOperation.get(operation).record(took);
            int status = response == null ? 0 : response.statusCode();
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            if (response != null) {
              response.headers().firstValue(LAMBDA_REQUEST_ID)
                  .ifPresent(id -> invocations.add(new LoadResult.Invocation(worker.last, id, status)));
            }
            progress.step();
          }
        }));
      }
      for (Thread worker : workers) {
        worker.join();
      }
    }
    double wall = (System.nanoTime() - start) / 1e9;
    Map<Operation, LatencySummary> summaries = new EnumMap<>(Operation.class);
    byOperation.forEach((operation, recorder) -> summaries.put(operation, recorder.summary()));
    Map<Integer, Long> counts = new TreeMap<>();
    statuses.forEach((status, adder) -> counts.put(status, adder.sum()));
    return new LoadResult(concurrency, requests, wall, all.summary(), summaries, counts, List.copyOf(invocations));
  }

  /** One closed-loop client: its random stream and the tourist it created last. */
  private final class Worker {
    final SplittableRandom random;
    String ownId;
    String ownEtag;
    Operation last;

    Worker(SplittableRandom random) {
      this.random = random;
    }

    HttpResponse<String> send(Operation operation) {
      last = operation;
      HttpRequest request = switch (operation) {
        case GET_BY_ID -> get("/tourists/" + knownIds.get(random.nextInt(knownIds.size())));
        case LIST -> get("/tourists?limit=20");
        case CREATE -> json("/tourists").POST(HttpRequest.BodyPublishers.ofString(body())).build();
        case UPDATE -> json("/tourists/" + ownId).header("If-Match", ownEtag)
            .PUT(HttpRequest.BodyPublishers.ofString(body())).build();
      };
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 201 || (operation == Operation.UPDATE && response.statusCode() == 200)) {
          response.headers().firstValue("Location").ifPresent(location -> ownId = location.substring(location.lastIndexOf('/') + 1));
          ownEtag = response.headers().firstValue("ETag").orElse(ownEtag);
        }
        return response;
      } catch (IOException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }

    private String body() {
      String email = "load-" + UUID.randomUUID() + "@example.com";
      return "{\"name\":\"Load Tester " + random.nextInt(1_000_000) + "\",\"email\":\"" + email
          + "\",\"nationality\":\"" + COUNTRIES[random.nextInt(COUNTRIES.length)] + "\"}";
    }

    private HttpRequest get(String path) {
      return HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(60)).GET().build();
    }

    private HttpRequest.Builder json(String path) {
      return HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(60))
          .header("Content-Type", "application/json");
    }
  }
}
