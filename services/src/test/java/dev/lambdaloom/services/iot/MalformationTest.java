package dev.lambdaloom.services.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each malformed kind, parsed with Jackson: broken exactly the way it says, and the same every time. */
class MalformationTest {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final int VALUES = 100;

  private static IotApiSimulator api;
  private static Fetcher fetcher;

  @BeforeAll
  static void start() throws Exception {
    api = IotApiSimulator.start(IotApiSimulator.Options.builder()
        .seed(11).valuesPerDocument(VALUES).malformedRate(1.0).hugeValues(VALUES * 20).build());
    fetcher = new Fetcher();
  }

  @AfterAll
  static void stop() {
    fetcher.close();
    api.close();
  }

  @ParameterizedTest
  @EnumSource(Malformation.class)
  void malformedDocumentIsBrokenAsItsKindSays(Malformation kind) throws Exception {
    long seq = firstSeqOf(kind);
    Fetcher.Fetched answer = fetcher.get(api.url("m", seq));
    Fetcher.Fetched again = fetcher.get(api.url("m", seq));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(again.body()).as("the same broken document every time").isEqualTo(answer.body());
    Ledger.Entry entry = api.ledger().entry("m", seq);
    assertThat(entry.attempts()).isEqualTo(2);
    assertThat(entry.documentsServed()).isEqualTo(2);
    assertThat(entry.document()).isEqualTo(new Document.Malformed(kind));
    assertBroken(kind, answer);
  }

  @Test
  void wrongTypesComeInThreeVariants() throws Exception {
    Set<String> variants = new HashSet<>();
    for (long seq = 0; seq < 2_000 && variants.size() < 3; seq++) {
      if (api.expected("w", seq).document().equals(new Document.Malformed(Malformation.WRONG_TYPES))) {
        variants.add(wrongTypeVariant(JSON.readTree(fetcher.get(api.url("w", seq)).body())));
      }
    }
    assertThat(variants).containsExactlyInAnyOrder("values as string", "value as string", "datetime as number");
  }

  @Test
  void mixSelectsKinds() {
    IotApiSimulator.Options options = IotApiSimulator.Options.builder().seed(11).malformedRate(0.5)
        .malformedKinds(Malformation.EMPTY_VALUES, Malformation.NOT_JSON).build();
    Planner planner = new Planner(options);
    Set<Malformation> seen = EnumSet.noneOf(Malformation.class);
    int malformed = 0;
    for (long seq = 0; seq < 1_000; seq++) {
      Plan plan = planner.plan(new ReadingId("x", seq));
      if (plan.malformation() != null) {
        malformed++;
        seen.add(plan.malformation());
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(Malformation.EMPTY_VALUES, Malformation.NOT_JSON);
    assertThat(malformed).isBetween(450, 550);
  }

  private static void assertBroken(Malformation kind, Fetcher.Fetched answer) throws Exception {
    String text = new String(answer.body(), StandardCharsets.UTF_8);
    String contentType = answer.response().headers().firstValue("Content-Type").orElseThrow();
    switch (kind) {
      case TRUNCATED_JSON -> {
        assertThat(answer.body().length).isEqualTo(Integer.parseInt(
            answer.response().headers().firstValue("Content-Length").orElseThrow()));
        assertThat(text).startsWith("{\"datetime\": \"");
        assertThatThrownBy(() -> JSON.readTree(answer.body())).isInstanceOf(JsonProcessingException.class);
      }
      case NOT_JSON -> {
        assertThat(contentType).startsWith("text/html");
        assertThat(text).contains("<html>");
        assertThatThrownBy(() -> JSON.readTree(answer.body())).isInstanceOf(JsonProcessingException.class);
      }
      case MISSING_DATETIME -> {
        JsonNode document = JSON.readTree(answer.body());
        assertThat(document.has("datetime")).isFalse();
        assertThat(document.get("values")).hasSize(VALUES);
      }
      case MISSING_VALUES -> {
        JsonNode document = JSON.readTree(answer.body());
        assertThat(document.has("values")).isFalse();
        assertThat(document.get("datetime").isTextual()).isTrue();
      }
      case NULL_DATETIME -> {
        JsonNode document = JSON.readTree(answer.body());
        assertThat(document.get("datetime").isNull()).isTrue();
        assertThat(document.get("values")).hasSize(VALUES);
      }
      case NULL_VALUES -> {
        JsonNode document = JSON.readTree(answer.body());
        assertThat(document.get("values").isNull()).isTrue();
        assertThat(document.get("datetime").isTextual()).isTrue();
      }
      case WRONG_TYPES -> assertThat(wrongTypeVariant(JSON.readTree(answer.body()))).isNotEqualTo("none");
      case VALUE_OUT_OF_INT64 -> {
        JsonNode values = JSON.readTree(answer.body()).get("values");
        assertThat(values).hasSize(VALUES);
        assertThat(values).filteredOn(value -> !value.canConvertToLong()).singleElement()
            .satisfies(value -> assertThat(value.bigIntegerValue())
                .isGreaterThan(java.math.BigInteger.valueOf(Long.MAX_VALUE)));
      }
      case FRACTIONAL_VALUE -> {
        JsonNode values = JSON.readTree(answer.body()).get("values");
        assertThat(values).hasSize(VALUES);
        assertThat(values).filteredOn(JsonNode::isFloatingPointNumber).singleElement()
            .satisfies(value -> assertThat(value.asText()).matches("\\d+\\.\\d"));
      }
      case DATETIME_NOT_ISO -> {
        JsonNode document = JSON.readTree(answer.body());
        String datetime = document.get("datetime").asText();
        assertThat(datetime).matches("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}");
        assertThatThrownBy(() -> LocalDateTime.parse(datetime)).isInstanceOf(DateTimeParseException.class);
      }
      case EXTRA_FIELD -> {
        JsonNode document = JSON.readTree(answer.body());
        assertThat(document.properties()).extracting(java.util.Map.Entry::getKey)
            .containsExactly("datetime", "values", "firmware");
        assertThat(document.get("values")).hasSize(VALUES);
      }
      case EMPTY_VALUES -> {
        JsonNode document = JSON.readTree(answer.body());
        assertThat(document.get("values").isArray()).isTrue();
        assertThat(document.get("values")).isEmpty();
      }
      case HUGE_DOCUMENT -> {
        JsonNode values = JSON.readTree(answer.body()).get("values");
        assertThat(values).hasSize(VALUES * 20);
        assertThat(StreamSupport.stream(values.spliterator(), false).allMatch(JsonNode::canConvertToLong)).isTrue();
      }
    }
  }

  private static String wrongTypeVariant(JsonNode document) {
    if (document.get("values").isTextual()) {
      return "values as string";
    }
    if (document.get("datetime").isNumber()) {
      return "datetime as number";
    }
    for (JsonNode value : document.get("values")) {
      if (value.isTextual()) {
        return "value as string";
      }
    }
    return "none";
  }

  private static long firstSeqOf(Malformation kind) {
    for (long seq = 0; seq < 10_000; seq++) {
      if (api.expected("m", seq).document().equals(new Document.Malformed(kind))) {
        return seq;
      }
    }
    throw new AssertionError("no reading of kind " + kind + " among 10,000");
  }
}
