package dev.lambdaloom.functions.scavenger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ExpiryRuleTest {
  private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
  private final ExpiryRule rule = new ExpiryRule(NOW, Duration.ofHours(48));

  private static Map<String, AttributeValue> item(AttributeValue completed, AttributeValue started) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("WorkerId", AttributeValue.fromN("1"));
    item.put("StartTime", AttributeValue.fromS("k"));
    item.put("Completed", completed);
    if (started != null) item.put("StartExecutionTime", started);
    return item;
  }

  @Test
  void completedItemsOlderThanTheMaxAgeGoWithTheValuesTheyWereScannedWith() {
    AttributeValue started = AttributeValue.fromS("2026-01-08T11:59:59Z");
    for (AttributeValue completed : new AttributeValue[] {AttributeValue.fromN("1"), AttributeValue.fromS("1")}) {
      Verdict verdict = rule.decide(item(completed, started));
      assertThat(verdict).isInstanceOf(Verdict.Delete.class);
      Candidate candidate = ((Verdict.Delete) verdict).candidate();
      assertThat(candidate.completed()).isEqualTo(completed);
      assertThat(candidate.startExecutionTime()).isEqualTo(started);
      assertThat(candidate.key()).containsOnlyKeys("WorkerId", "StartTime");
    }
  }

  @Test
  void recentOrUncompletedItemsStay() {
    assertThat(rule.decide(item(AttributeValue.fromN("1"), AttributeValue.fromS("2026-01-08T12:00:00Z"))))
        .isInstanceOf(Verdict.Keep.class);
    assertThat(rule.decide(item(AttributeValue.fromN("1"), AttributeValue.fromS("2026-01-09T13:00:00+01:00"))))
        .isInstanceOf(Verdict.Keep.class);
    assertThat(rule.decide(item(AttributeValue.fromN("0"), AttributeValue.fromS("2020-01-01T00:00:00Z"))))
        .isInstanceOf(Verdict.Keep.class);
  }

  @Test
  void malformedItemsAreSkippedWithAReason() {
    assertThat(rule.decide(item(AttributeValue.fromN("1"), null)))
        .isEqualTo(new Verdict.Skip("StartExecutionTime missing"));
    assertThat(rule.decide(item(AttributeValue.fromS("1"), AttributeValue.fromS("yesterday"))))
        .isEqualTo(new Verdict.Skip("StartExecutionTime is not RFC 3339: 'yesterday'"));
    assertThat(rule.decide(item(AttributeValue.fromN("1"), AttributeValue.fromN("1700000000"))))
        .isInstanceOf(Verdict.Skip.class);
  }
}
