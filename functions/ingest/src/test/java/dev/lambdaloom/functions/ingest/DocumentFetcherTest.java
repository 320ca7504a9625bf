package dev.lambdaloom.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.services.iot.Fault;
import dev.lambdaloom.services.iot.IotApiSimulator;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One request at a time against the simulator, on a virtual thread as in the fan-out. */
class DocumentFetcherTest {
  private static ScheduledExecutorService alarms;
  private static ExecutorService threads;

  @BeforeAll
  static void start() {
    alarms = DocumentFetcher.newAlarms();
    threads = Executors.newVirtualThreadPerTaskExecutor();
  }

  @AfterAll
  static void stop() {
    alarms.shutdownNow();
    threads.shutdownNow();
  }

  /** Runs {@code call} on a virtual thread; also says whether that thread was left interrupted. */
  private static <T> T onVirtualThread(Callable<T> call, boolean[] leftInterrupted) throws Exception {
    try {
      return threads.submit(() -> {
        try {
          return call.call();
        } finally {
          leftInterrupted[0] = Thread.currentThread().isInterrupted();
        }
      }).get();
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  @Test
  void aTricklingBodyIsCutAtTheRequestTimeoutAndTheThreadIsNotLeftInterrupted() throws Exception {
    // 64 bytes every 200 ms: the 9 KB document would take about 28 s; each attempt gets 300 ms.
    IotApiSimulator.Options options = IotApiSimulator.Options.builder().seed(3)
        .faultRate(Fault.SLOW_BODY, 1.0).permanentFaultShare(1.0).slowBody(64, Duration.ofMillis(200)).build();
    try (IotApiSimulator api = IotApiSimulator.start(options)) {
      DocumentFetcher fetcher = new DocumentFetcher(alarms, Duration.ofMillis(300), 2, 1 << 20);
      boolean[] leftInterrupted = {true};
      long started = System.nanoTime();

      assertThatThrownBy(() -> onVirtualThread(() -> fetcher.fetch(api.url("d", 1), Deadline.none()), leftInterrupted))
          .isInstanceOfSatisfying(DocumentFetcher.FetchFailedException.class, e -> {
            assertThat(e.reason()).isEqualTo("timeout");
            assertThat(e.attempts()).isEqualTo(2);
          });

      // Two attempts of 300 ms plus a backoff, not the body's 28 s: far below either, whatever the machine.
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      assertThat(leftInterrupted[0]).as("the alarm's interrupt is not left on the thread").isFalse();
      assertThat(api.ledger().requests()).isEqualTo(2); // no silent third try (HttpURLConnection retries some GETs itself)
    }
  }

  @Test
  void aBodyOverTheLimitKeepsItsHeadAndIsMarkedTruncated() throws Exception {
    try (IotApiSimulator api = IotApiSimulator.start(IotApiSimulator.Options.defaults())) {
      DocumentFetcher fetcher = new DocumentFetcher(alarms, Duration.ofSeconds(5), 1, 1_000);
      boolean[] leftInterrupted = {true};

      DocumentFetcher.Fetched fetched =
          onVirtualThread(() -> fetcher.fetch(api.url("d", 1), Deadline.none()), leftInterrupted);

      assertThat(fetched.truncated()).isTrue();
      assertThat(fetched.body()).hasSize(1_000).startsWith("{\"datetime\"".getBytes());
      // the next request is answered whole: the dropped connection is not reused
      DocumentFetcher roomy = new DocumentFetcher(alarms, Duration.ofSeconds(5), 1, 1 << 20);
      DocumentFetcher.Fetched whole = onVirtualThread(() -> roomy.fetch(api.url("d", 2), Deadline.none()),
          leftInterrupted);
      assertThat(whole.truncated()).isFalse();
      assertThat(whole.body().length).isGreaterThan(1_000);
      assertThat(leftInterrupted[0]).isFalse();
    }
  }
}
