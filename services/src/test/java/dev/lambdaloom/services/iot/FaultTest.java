package dev.lambdaloom.services.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Faults are transient per reading (exactly k failing attempts) unless chosen to last forever. */
class FaultTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"HTTP_500", "HTTP_503_RETRY_AFTER", "HTTP_503", "HTTP_429"})
  void httpFaultFailsExactlyKTimesThenServesTheDocument(Fault fault) throws Exception {
    int k = 3;
    try (IotApiSimulator api = IotApiSimulator.start(IotApiSimulator.Options.builder()
            .seed(5).valuesPerDocument(100).faultRate(fault, 1.0).failingAttempts(k).retryAfterSeconds(7).build());
        Fetcher fetcher = new Fetcher()) {
      Expectation expectation = api.expected("f", 42);
      assertThat(expectation.fault()).isEqualTo(fault);
      assertThat(expectation.failingAttempts()).isEqualTo(k);

      for (int attempt = 1; attempt <= k; attempt++) {
        Fetcher.Fetched answer = fetcher.get(api.url("f", 42));
        assertThat(answer.status()).isEqualTo(switch (fault) {
          case HTTP_500 -> 500;
          case HTTP_503, HTTP_503_RETRY_AFTER -> 503;
          case HTTP_429 -> 429;
          default -> throw new AssertionError(fault);
        });
        boolean promised = fault == Fault.HTTP_503_RETRY_AFTER || fault == Fault.HTTP_429;
        assertThat(answer.response().headers().firstValue("Retry-After"))
            .isEqualTo(promised ? java.util.Optional.of("7") : java.util.Optional.empty());
      }
      Fetcher.Fetched success = fetcher.get(api.url("f", 42));
      assertThat(success.status()).isEqualTo(200);
      assertThat(sum(success.body())).isEqualTo(((Document.Valid) expectation.document()).valueSum());
      assertThat(fetcher.get(api.url("f", 42)).status()).as("stays healthy").isEqualTo(200);

      Ledger.Entry entry = api.ledger().entry("f", 42);
      assertThat(entry.attempts()).isEqualTo(k + 2);
      assertThat(entry.faults()).containsExactly(Map.entry(fault, k));
      assertThat(entry.documentsServed()).isEqualTo(2);
      assertThat(entry.document()).isEqualTo(expectation.document());
      assertThat(api.ledger().faultsByKind()).containsExactly(Map.entry(fault, (long) k));
      assertThat(api.ledger().validServed()).isEqualTo(2);
    }
  }

  @Test
  void permanentFaultNeverSucceeds() throws Exception {
    try (IotApiSimulator api = IotApiSimulator.start(IotApiSimulator.Options.builder()
            .seed(5).valuesPerDocument(10).faultRate(Fault.HTTP_503, 1.0).permanentFaultShare(1.0).build());
        Fetcher fetcher = new Fetcher()) {
      assertThat(api.expected("p", 1).faultsForever()).isTrue();
      assertThat(api.expected("p", 1).eventuallyValid()).isFalse();
      for (int attempt = 0; attempt < 6; attempt++) {
        assertThat(fetcher.get(api.url("p", 1)).status()).isEqualTo(503);
      }
      Ledger ledger = api.ledger();
      assertThat(ledger.entry("p", 1).faults()).containsExactly(Map.entry(Fault.HTTP_503, 6));
      assertThat(ledger.entry("p", 1).document()).isNull();
      assertThat(ledger.validDocuments()).isZero();
    }
  }

  @Test
  void droppedConnectionEndsTheBodyEarlyOnceThenServes() throws Exception {
    try (IotApiSimulator api = IotApiSimulator.start(IotApiSimulator.Options.builder()
            .seed(5).faultRate(Fault.DROPPED_CONNECTION, 1.0).build());
        Fetcher fetcher = new Fetcher()) {
      Fetcher.Fetched dropped = fetcher.get(api.url("x", 9));
      assertThat(dropped.failure()).isInstanceOf(IOException.class)
          .hasMessageContaining("fixed content-length");

      Fetcher.Fetched retried = fetcher.get(api.url("x", 9));
      assertThat(retried.status()).isEqualTo(200);
      assertThat(sum(retried.body())).isEqualTo(((Document.Valid) api.expected("x", 9).document()).valueSum());
      assertThat(api.ledger().entry("x", 9).faults()).containsExactly(Map.entry(Fault.DROPPED_CONNECTION, 1));
      assertThat(api.ledger().entry("x", 9).documentsServed()).isEqualTo(1);
    }
  }

  @Test
  void slowBodyOutlastsA300msDeadline() throws Exception {
    try (IotApiSimulator api = IotApiSimulator.start(IotApiSimulator.Options.builder()
            .seed(5).faultRate(Fault.SLOW_BODY, 1.0).slowBody(16, Duration.ofMillis(200)).build());
        Fetcher fetcher = new Fetcher()) {
      // HttpRequest.timeout bounds the wait for the headers only: the deadline is on the whole exchange.
      HttpRequest request = HttpRequest.newBuilder(URI.create(api.url("s", 1))).timeout(Duration.ofMillis(300)).build();
      long started = System.nanoTime();
      CompletableFuture<HttpResponse<byte[]>> exchange =
          fetcher.http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
      assertThatThrownBy(() -> exchange.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
      exchange.cancel(true);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      assertThat(api.ledger().entry("s", 1).faults()).containsExactly(Map.entry(Fault.SLOW_BODY, 1));
      assertThat(api.ledger().entry("s", 1).document()).isNull();

      Fetcher.Fetched retried = fetcher.get(api.url("s", 1));
      assertThat(retried.status()).isEqualTo(200);
      assertThat(sum(retried.body())).isEqualTo(((Document.Valid) api.expected("s", 1).document()).valueSum());
    }
  }

  @Test
  void patientClientGetsTheSlowBodyInTheEnd() throws Exception {
    try (IotApiSimulator api = IotApiSimulator.start(IotApiSimulator.Options.builder()
            .seed(5).valuesPerDocument(3).faultRate(Fault.SLOW_BODY, 1.0).slowBody(16, Duration.ofMillis(20)).build());
        Fetcher fetcher = new Fetcher()) {
      Fetcher.Fetched slow = fetcher.get(api.url("s", 2));

      assertThat(slow.status()).isEqualTo(200);
      assertThat(sum(slow.body())).isEqualTo(((Document.Valid) api.expected("s", 2).document()).valueSum());
      Ledger.Entry entry = api.ledger().entry("s", 2);
      assertThat(entry.faults()).containsExactly(Map.entry(Fault.SLOW_BODY, 1));
      assertThat(entry.document()).isEqualTo(api.expected("s", 2).document());
    }
  }

  @Test
  void resetStartsFaultsOver() throws Exception {
    try (IotApiSimulator api = IotApiSimulator.start(IotApiSimulator.Options.builder()
            .seed(5).valuesPerDocument(10).faultRate(Fault.HTTP_500, 1.0).build());
        Fetcher fetcher = new Fetcher()) {
      assertThat(fetcher.get(api.url("r", 1)).status()).isEqualTo(500);
      assertThat(fetcher.get(api.url("r", 1)).status()).isEqualTo(200);
      api.reset();
      assertThat(fetcher.get(api.url("r", 1)).status()).isEqualTo(500);
      assertThat(api.ledger().requests()).isEqualTo(1);
    }
  }

  @Test
  void ratesSplitReadingsByTheSeed() {
    IotApiSimulator.Options options = IotApiSimulator.Options.builder().seed(21)
        .faultRate(Fault.HTTP_500, 0.1).faultRate(Fault.HTTP_429, 0.05).faultRate(Fault.DROPPED_CONNECTION, 0.05)
        .permanentFaultShare(0.25).failingAttempts(2).build();
    Planner planner = new Planner(options);
    Map<Fault, Integer> faults = new EnumMap<>(Fault.class);
    int forever = 0;
    int n = 10_000;
    for (long seq = 0; seq < n; seq++) {
      Plan plan = planner.plan(new ReadingId("r", seq));
      if (plan.fault() != null) {
        faults.merge(plan.fault(), 1, Integer::sum);
        assertThat(plan.failingAttempts()).isIn(2, Expectation.FOREVER);
        if (plan.failingAttempts() == Expectation.FOREVER) {
          forever++;
        }
      }
    }
    assertThat(faults.keySet()).containsExactlyInAnyOrder(Fault.HTTP_500, Fault.HTTP_429, Fault.DROPPED_CONNECTION);
    assertThat(faults.get(Fault.HTTP_500)).isBetween(900, 1_100);
    assertThat(faults.get(Fault.HTTP_429)).isBetween(420, 580);
    assertThat(faults.get(Fault.DROPPED_CONNECTION)).isBetween(420, 580);
    assertThat(forever).isBetween(420, 580);
    // Changing another option does not move the faults.
    Planner moreMalformed = new Planner(options.toBuilder().malformedRate(0.3).build());
    for (long seq = 0; seq < 1_000; seq++) {
      ReadingId id = new ReadingId("r", seq);
      assertThat(moreMalformed.plan(id).fault()).isEqualTo(planner.plan(id).fault());
    }
  }

  private static long sum(byte[] body) throws IOException {
    long sum = 0;
    for (JsonNode value : JSON.readTree(body).get("values")) {
      sum += value.longValue();
    }
    return sum;
  }
}
