package dev.lambdaloom.functions.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CanonicalKeyTest {
  private static Map<String, AttributeValue> key(String name, AttributeValue value) {
    return Map.of(name, value);
  }

  @Test
  void aWorkersKeyReadsAsNameTypeAndValueSortedByName() throws Exception {
    CanonicalKey key = CanonicalKey.of(StreamEvents.key(17, "2026-01-01T00:00:00.000000001Z"));

    assertThat(key.text()).isEqualTo("StartTime=S:2026-01-01T00:00:00.000000001Z,WorkerId=N:17");
    assertThat(key.segment()).isEqualTo(key.text());
  }

  @Test
  void theOrderTheStreamGivesTheAttributesInDoesNotMatter() throws Exception {
    Map<String, AttributeValue> reversed = new LinkedHashMap<>();
    reversed.put("StartTime", new AttributeValue().withS("t"));
    reversed.put("WorkerId", new AttributeValue().withN("1"));
    Map<String, AttributeValue> forward = new LinkedHashMap<>();
    forward.put("WorkerId", new AttributeValue().withN("1"));
    forward.put("StartTime", new AttributeValue().withS("t"));

    assertThat(CanonicalKey.of(reversed)).isEqualTo(CanonicalKey.of(forward));
  }

  @Test
  void numbersDynamoDbTreatsAsEqualGiveTheSameKey() throws Exception {
    Set<String> texts = new HashSet<>();
    for (String spelling : List.of("1.5", "1.50", "15E-1", "0.15e1")) {
      texts.add(CanonicalKey.of(key("id", new AttributeValue().withN(spelling))).text());
    }
    assertThat(texts).containsExactly("id=N:1.5");
    assertThat(CanonicalKey.of(key("id", new AttributeValue().withN("1E+3"))).text()).isEqualTo("id=N:1000");
    assertThat(CanonicalKey.of(key("id", new AttributeValue().withN("-0.0"))).text()).isEqualTo("id=N:0");
  }

  @Test
  void separatorsAndSlashesInValuesAreEscapedSoDifferentKeysNeverCollide() throws Exception {
    CanonicalKey commaInValue = CanonicalKey.of(key("a", new AttributeValue().withS("x,b=S:y")));
    Map<String, AttributeValue> twoAttributes = new LinkedHashMap<>();
    twoAttributes.put("a", new AttributeValue().withS("x"));
    twoAttributes.put("b", new AttributeValue().withS("y"));

    assertThat(commaInValue.text()).isEqualTo("a=S:x%2Cb%3DS:y");
    assertThat(commaInValue).isNotEqualTo(CanonicalKey.of(twoAttributes));
    assertThat(CanonicalKey.of(key("p", new AttributeValue().withS("a/b 100% é"))).text())
        .isEqualTo("p=S:a%2Fb%20100%25%20%C3%A9");
    assertThat(CanonicalKey.of(key("s", new AttributeValue().withS("1"))))
        .as("a string and a number of the same digits").isNotEqualTo(CanonicalKey.of(key("s", new AttributeValue().withN("1"))));
  }

  @Test
  void binaryKeysAreBase64() throws Exception {
    ByteBuffer bytes = ByteBuffer.wrap(new byte[] {(byte) 0xfb, (byte) 0xff});

    assertThat(CanonicalKey.of(key("b", new AttributeValue().withB(bytes))).text()).isEqualTo("b=B:%2B%2F8%3D"); // +/8=
  }

  @Test
  void aKeyTooLongForAnS3KeySegmentIsReplacedThereByItsHash() throws Exception {
    CanonicalKey key = CanonicalKey.of(key("id", new AttributeValue().withS("x".repeat(600))));

    assertThat(key.text()).hasSize(605);
    assertThat(key.segment()).matches("sha256-[0-9a-f]{64}");
    assertThat(CanonicalKey.of(key("id", new AttributeValue().withS("x".repeat(600)))).segment()).isEqualTo(key.segment());
  }

  @Test
  void missingKeysAndTypesNoKeyCanHaveAreRefused() {
    assertThatThrownBy(() -> CanonicalKey.of(null)).isInstanceOf(BadRecordException.class).hasMessage("no Keys");
    assertThatThrownBy(() -> CanonicalKey.of(Map.of())).isInstanceOf(BadRecordException.class).hasMessage("no Keys");
    assertThatThrownBy(() -> CanonicalKey.of(key("id", new AttributeValue().withBOOL(true))))
        .isInstanceOf(BadRecordException.class).hasMessageContaining("key attribute id is BOOL, not S, N or B");
    assertThatThrownBy(() -> CanonicalKey.of(key("id", new AttributeValue().withN("1E+999999999"))))
        .isInstanceOf(BadRecordException.class).hasMessageContaining("outside DynamoDB's range");
    assertThatThrownBy(() -> CanonicalKey.of(key("id", new AttributeValue().withN("one"))))
        .isInstanceOf(BadRecordException.class).hasMessageContaining("not a number");
  }
}
