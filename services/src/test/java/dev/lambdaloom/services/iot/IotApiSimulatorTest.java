package dev.lambdaloom.services.iot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A well-behaved API and what every API has: determinism, the ledger, routing. */
class IotApiSimulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final String ISO_MICROS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}";

  @Test
  void wellBehavedRunMatchesLedgerAndExpectations() throws Exception {
    try (IotApiSimulator api = IotApiSimulator.start(IotApiSimulator.Options.builder().seed(7).build());
        Fetcher fetcher = new Fetcher()) {
      List<ReadingId> ids = new ArrayList<>();
      for (int device = 0; device < 4; device++) {
        for (long seq = 0; seq < 500; seq++) {
          ids.add(new ReadingId("sensor-" + device, seq));
        }
      }
      long expectedSum = 0;
      for (ReadingId id : ids) {
        Expectation expectation = api.expected(id.device(), id.seq());
        assertThat(expectation.fault()).isNull();
        assertThat(expectation.eventuallyValid()).isTrue();
        expectedSum += ((Document.Valid) expectation.document()).valueSum();
      }

      long started = System.nanoTime();
      List<Fetcher.Fetched> answers = fetcher.getAll(ids.stream().map(id -> URI.create(api.url(id.device(), id.seq())))
          .toList(), 64);
      long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("%d documents at concurrency 64 in %d ms (%.0f/s)%n", ids.size(), elapsedMillis,
          ids.size() * 1000.0 / Math.max(1, elapsedMillis));

      long parsedSum = 0;
      long parsedValues = 0;
      for (int i = 0; i < ids.size(); i++) {
        Fetcher.Fetched answer = answers.get(i);
        assertThat(answer.status()).as("status of %s", ids.get(i)).isEqualTo(200);
        assertThat(answer.response().headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode document = JSON.readTree(answer.body());
        assertThat(document.properties()).extracting(Map.Entry::getKey).containsExactly("datetime", "values");
        String datetime = document.get("datetime").asText();
        assertThat(datetime).matches(ISO_MICROS);
        assertThat(LocalDateTime.parse(datetime).getYear()).isEqualTo(2020);
        long sum = 0;
        for (JsonNode value : document.get("values")) {
          assertThat(value.isIntegralNumber() && value.canConvertToLong()).isTrue();
          assertThat(value.longValue()).isBetween(0L, 9_999_999L);
          sum += value.longValue();
        }
        assertThat(document.get("values")).hasSize(1_000);
        Document.Valid expected = (Document.Valid) api.expected(ids.get(i).device(), ids.get(i).seq()).document();
        assertThat(sum).isEqualTo(expected.valueSum());
        parsedSum += sum;
        parsedValues += document.get("values").size();
      }

      Ledger ledger = api.ledger();
      assertThat(ledger.requests()).isEqualTo(2_000);
      assertThat(ledger.documentsRequested()).isEqualTo(2_000);
      assertThat(ledger.validDocuments()).isEqualTo(2_000);
      assertThat(ledger.validServed()).isEqualTo(2_000);
      assertThat(ledger.faults()).isZero();
      assertThat(ledger.malformedDocuments()).isZero();
      assertThat(ledger.totalValues()).isEqualTo(parsedValues).isEqualTo(2_000_000);
      assertThat(ledger.totalSum()).isEqualTo(parsedSum).isEqualTo(expectedSum);
      Ledger.Entry entry = ledger.entry("sensor-3", 499);
      assertThat(entry.attempts()).isEqualTo(1);
      assertThat(entry.document()).isEqualTo(api.expected("sensor-3", 499).document());
    }
  }

  @Test
  void moreClientsThanTheJdkKeepsIdleByDefaultAreAllServed() throws Exception {
    try (IotApiSimulator api = IotApiSimulator.start(IotApiSimulator.Options.builder().valuesPerDocument(100).build());
        Fetcher fetcher = new Fetcher()) {
      List<URI> uris = new ArrayList<>();
      for (long seq = 0; seq < 1_500; seq++) {
        uris.add(URI.create(api.url("busy", seq)));
      }
      List<Fetcher.Fetched> answers = fetcher.getAll(uris, 300);

      assertThat(answers).filteredOn(answer -> answer.status() != 200)
          .extracting(answer -> String.valueOf(answer.failure())).isEmpty();
      assertThat(api.ledger().validDocuments()).isEqualTo(1_500);
    }
  }

  @Test
  void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws Exception {
    IotApiSimulator.Options options = IotApiSimulator.Options.builder()
        .seed(99).valuesPerDocument(200).malformedRate(0.5).build();
    try (IotApiSimulator first = IotApiSimulator.start(options);
        IotApiSimulator second = IotApiSimulator.start(options);
        IotApiSimulator other = IotApiSimulator.start(options.toBuilder().seed(100).build());
        Fetcher fetcher = new Fetcher()) {
      int malformed = 0;
      for (long seq = 0; seq < 40; seq++) {
        byte[] a = fetcher.get(first.url("device α", seq)).body();
        byte[] b = fetcher.get(second.url("device α", seq)).body();
        byte[] again = fetcher.get(first.url("device α", seq)).body();
        byte[] c = fetcher.get(other.url("device α", seq)).body();
        assertThat(b).isEqualTo(a);
        assertThat(again).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
        assertThat(second.expected("device α", seq)).isEqualTo(first.expected("device α", seq));
        if (first.expected("device α", seq).document() instanceof Document.Malformed) {
          malformed++;
        }
      }
      assertThat(malformed).as("malformed documents among 40 at rate 0.5").isBetween(10, 30);
      assertThat(first.ledger().entry("device α", 0).attempts()).isEqualTo(2);
    }
  }

  @Test
  void ledgerEndpointMatchesTheJavaLedgerAndDeleteResetsIt() throws Exception {
    IotApiSimulator.Options options = IotApiSimulator.Options.builder()
        .seed(3).valuesPerDocument(50)
        .faultRate(Fault.HTTP_500, 0.2).faultRate(Fault.HTTP_429, 0.2)
        .malformedRate(0.2)
        .build();
    try (IotApiSimulator api = IotApiSimulator.start(options); Fetcher fetcher = new Fetcher()) {
      List<URI> uris = new ArrayList<>();
      for (long seq = 0; seq < 100; seq++) {
        uris.add(URI.create(api.url("d", seq)));
        uris.add(URI.create(api.url("d", seq)));
      }
      fetcher.getAll(uris.subList(0, 100), 8);
      fetcher.getAll(uris.subList(100, 200), 8);

      Ledger ledger = api.ledger();
      JsonNode served = JSON.readTree(fetcher.get(api.baseUrl() + "/_ledger").body());
      assertThat(ledger.requests()).isEqualTo(200);
      assertThat(ledger.faults()).isPositive();
      assertThat(ledger.malformedDocuments()).isPositive();
      assertThat(served.get("requests").asLong()).isEqualTo(ledger.requests());
      assertThat(served.get("documentsRequested").asInt()).isEqualTo(ledger.documentsRequested());
      assertThat(served.get("validDocuments").asInt()).isEqualTo(ledger.validDocuments());
      assertThat(served.get("validServed").asLong()).isEqualTo(ledger.validServed());
      assertThat(served.get("totalValues").asLong()).isEqualTo(ledger.totalValues());
      assertThat(served.get("totalSum").asLong()).isEqualTo(ledger.totalSum());
      ledger.faultsByKind().forEach((kind, count) ->
          assertThat(served.get("faultsByKind").get(kind.name()).asLong()).isEqualTo(count));
      assertThat(served.get("faultsByKind").size()).isEqualTo(ledger.faultsByKind().size());
      ledger.malformedByKind().forEach((kind, count) ->
          assertThat(served.get("malformedByKind").get(kind.name()).asInt()).isEqualTo(count));
      assertThat(served.get("entries")).hasSize(ledger.entries().size());
      for (JsonNode node : served.get("entries")) {
        Ledger.Entry entry = ledger.entry(node.get("device").asText(), node.get("seq").asLong());
        assertThat(node.get("attempts").asInt()).isEqualTo(entry.attempts());
        assertThat(node.get("documentsServed").asInt()).isEqualTo(entry.documentsServed());
        assertThat(node.get("faults").size()).isEqualTo(entry.faults().size());
        switch (entry.document()) {
          case Document.Valid valid -> {
            assertThat(node.get("document").get("kind").asText()).isEqualTo("VALID");
            assertThat(node.get("document").get("valueSum").asLong()).isEqualTo(valid.valueSum());
          }
          case Document.Malformed malformed ->
              assertThat(node.get("document").get("malformation").asText()).isEqualTo(malformed.kind().name());
          case null -> assertThat(node.get("document").isNull()).isTrue();
        }
      }
      JsonNode summary = JSON.readTree(fetcher.get(api.baseUrl() + "/_ledger?entries=false").body());
      assertThat(summary.has("entries")).isFalse();
      assertThat(summary.get("totalSum").asLong()).isEqualTo(ledger.totalSum());

      HttpResponse<Void> deleted = fetcher.http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/_ledger"))
          .DELETE().build(), HttpResponse.BodyHandlers.discarding());
      assertThat(deleted.statusCode()).isEqualTo(204);
      assertThat(api.ledger().requests()).isZero();
      assertThat(api.ledger().entries()).isEmpty();
    }
  }

  @Test
  void latencyDelaysEveryAnswer() throws Exception {
    try (IotApiSimulator api = IotApiSimulator.start(IotApiSimulator.Options.builder()
            .latency(Duration.ofMillis(150), Duration.ofMillis(50)).valuesPerDocument(10).build());
        Fetcher fetcher = new Fetcher()) {
      fetcher.get(api.url("warm-up", 0));
      long started = System.nanoTime();
      assertThat(fetcher.get(api.url("d", 1)).status()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    try (IotApiSimulator api = IotApiSimulator.start(IotApiSimulator.Options.defaults());
        Fetcher fetcher = new Fetcher()) {
      assertThat(api.urlTemplate()).isEqualTo(api.baseUrl() + "/devices/{device}/readings/{seq}");
      assertThat(api.baseUrl()).startsWith("http://127.0.0.1:");
      assertThat(fetcher.get(api.baseUrl() + "/devices/d/readings/-1").status()).isEqualTo(404);
      assertThat(fetcher.get(api.baseUrl() + "/devices/d/readings/1x").status()).isEqualTo(404);
      assertThat(fetcher.get(api.baseUrl() + "/devices//readings/1").status()).isEqualTo(404);
      assertThat(fetcher.get(api.baseUrl() + "/devices/d/readings/").status()).isEqualTo(404);
      assertThat(fetcher.get(api.baseUrl() + "/elsewhere").status()).isEqualTo(404);
      HttpResponse<Void> post = fetcher.http.send(HttpRequest.newBuilder(URI.create(api.url("d", 1)))
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(api.ledger().requests()).isZero();
    }
  }
}
