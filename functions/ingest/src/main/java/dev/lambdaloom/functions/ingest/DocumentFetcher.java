package dev.lambdaloom.functions.ingest;

import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.Retrier;
import dev.lambdaloom.core.RetryAfterHeader;
import dev.lambdaloom.core.RetryClassifier;
import dev.lambdaloom.core.RetryDecision;
import dev.lambdaloom.core.RetryOutcome;
import dev.lambdaloom.core.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GETs one document: a per-request timeout that covers the whole body (a server trickling bytes
 * does not hold a slot forever), retries with exponential backoff and full jitter on timeouts,
 * dropped connections, 429 and 5xx, honouring Retry-After, never past the invocation's deadline.
 * Thread-safe: one per container, shared by every fetching thread.
 */
final class DocumentFetcher {
  private static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 429, 500, 502, 503, 504);

  /** A document's body; {@code truncated} when it was longer than the limit and only its head was kept. */
  record Fetched(byte[] body, boolean truncated, int attempts) {}

  /** A document that could not be fetched, with why and after how many attempts. */
  static final class FetchFailedException extends Exception {
    private final String reason;
    private final int attempts;

    FetchFailedException(String reason, String detail, int attempts) {
      super(reason + ": " + detail, null, false, false);
      this.reason = reason;
      this.attempts = attempts;
    }

    String reason() {
      return reason;
    }

    int attempts() {
      return attempts;
    }
  }

  private final HttpClient http;
  private final Duration requestTimeout;
  private final int maxBodyBytes;
  private final Retrier retrier;

  DocumentFetcher(HttpClient http, Duration requestTimeout, int maxAttempts, int maxBodyBytes) {
    this.http = http;
    this.requestTimeout = requestTimeout;
    this.maxBodyBytes = maxBodyBytes;
    this.retrier = Retrier.builder()
        .policy(new RetryPolicy(maxAttempts, Duration.ofMillis(50), Duration.ofSeconds(5)))
        .retryOn(failure -> failure instanceof IOException || failure instanceof TimeoutException
            ? RetryDecision.retry() : RetryDecision.fail())
        .build();
  }

  /** Fetches {@code url}; the last failure's reason if every attempt failed. */
  Fetched fetch(String url, Deadline deadline) throws FetchFailedException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout).GET().build();
    int[] attempts = {0};
    RetryOutcome<HttpResponse<BoundedBody.Body>> outcome;
    try {
      outcome = retrier.call(deadline, () -> {
        attempts[0]++;
        return send(request);
      }, RESPONSES);
    } catch (InterruptedException e) {
      throw e;
    } catch (TimeoutException e) {
      throw new FetchFailedException("timeout", "no complete response within " + requestTimeout.toMillis() + " ms", attempts[0]);
    } catch (IOException e) {
      throw new FetchFailedException("connection", String.valueOf(e.getMessage()), attempts[0]);
    } catch (Exception e) {
      throw new FetchFailedException("error", e.toString(), attempts[0]);
    }
    HttpResponse<BoundedBody.Body> response = outcome.value();
    if (response.statusCode() != 200) {
      throw new FetchFailedException("http_" + response.statusCode(), "HTTP " + response.statusCode() + " from " + url,
          outcome.attempts());
    }
    return new Fetched(response.body().bytes(), response.body().truncated(), outcome.attempts());
  }

  private static final RetryClassifier<HttpResponse<BoundedBody.Body>> RESPONSES = response -> {
    if (!RETRYABLE_STATUS.contains(response.statusCode())) {
      return RetryDecision.fail(); // 200 is done; other statuses will not get better by asking again
    }
    return response.headers().firstValue("Retry-After").flatMap(RetryAfterHeader::parse)
        .<RetryDecision>map(RetryDecision::retryAfter).orElse(RetryDecision.retry());
  };

  /** One attempt, body included, within the request timeout; cancelled (connection released) on timeout. */
  private HttpResponse<BoundedBody.Body> send(HttpRequest request)
      throws IOException, InterruptedException, TimeoutException {
    CompletableFuture<HttpResponse<BoundedBody.Body>> response =
        http.sendAsync(request, info -> new BoundedBody(maxBodyBytes));
    try {
      return response.get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | InterruptedException e) {
      response.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    }
  }
}
