package dev.lambdaloom.functions.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageJsonTest {
  private static AttributeValue n(String text) {
    return new AttributeValue().withN(text);
  }

  private static AttributeValue s(String text) {
    return new AttributeValue().withS(text);
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyTypeBecomesItsPlainJsonValue() throws Exception {
    Map<String, AttributeValue> image = new LinkedHashMap<>();
    image.put("s", s("text \"quoted\""));
    image.put("n", n("42"));
    image.put("b", new AttributeValue().withB(bytes("hi")));
    image.put("t", new AttributeValue().withBOOL(true));
    image.put("f", new AttributeValue().withBOOL(false));
    image.put("nul", new AttributeValue().withNULL(true));
    image.put("l", new AttributeValue().withL(s("a"), n("1"), new AttributeValue().withL()));
    image.put("m", new AttributeValue().withM(Map.of("inner", new AttributeValue().withM(Map.of("x", n("-1"))))));
    image.put("ss", new AttributeValue().withSS("x", "y"));
    image.put("ns", new AttributeValue().withNS("1", "2.5"));
    image.put("bs", new AttributeValue().withBS(bytes("a"), bytes("b")));

    assertThat(ImageJson.render(image)).isEqualTo("{\"b\":\"aGk=\",\"bs\":[\"YQ==\",\"Yg==\"],\"f\":false,"
        + "\"l\":[\"a\",1,[]],\"m\":{\"inner\":{\"x\":-1}},\"n\":42,\"ns\":[1,2.5],\"nul\":null,"
        + "\"s\":\"text \\\"quoted\\\"\",\"ss\":[\"x\",\"y\"],\"t\":true}");
  }

  @Test
  void numbersKeepTheirExactTextBeyondWhatADoubleHolds() throws Exception {
    String big = "12345678901234567890123456789012345678";
    String rendered = ImageJson.render(Map.of("big", n(big), "fraction", n("0.10000000000000000000001"),
        "trailing", n("1.50"), "exponent", n("1E+125")));

    assertThat(rendered).isEqualTo("{\"big\":" + big + ",\"exponent\":1E+125,\"fraction\":0.10000000000000000000001,"
        + "\"trailing\":1.50}");
  }

  @Test
  void attributeNamesAreSortedSoTheSameImageAlwaysGivesTheSameText() throws Exception {
    Map<String, AttributeValue> one = new LinkedHashMap<>();
    one.put("b", s("2"));
    one.put("a", s("1"));
    Map<String, AttributeValue> other = new LinkedHashMap<>();
    other.put("a", s("1"));
    other.put("b", s("2"));

    assertThat(ImageJson.render(one)).isEqualTo(ImageJson.render(other)).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
  }

  @Test
  void readingBinaryLeavesTheBufferWhereItWas() throws Exception {
    ByteBuffer buffer = bytes("abc");
    ImageJson.render(Map.of("b", new AttributeValue().withB(buffer)));

    assertThat(buffer.remaining()).isEqualTo(3);
  }

  @Test
  void aValueWithoutATypeIsRefusedWithItsPath() {
    Map<String, AttributeValue> image = Map.of("outer", new AttributeValue().withL(List.of(new AttributeValue())));

    assertThatThrownBy(() -> ImageJson.render(image)).isInstanceOf(BadRecordException.class)
        .hasMessage("attribute outer[0] has no type");
  }

  @Test
  void aValueWithTwoTypesIsRefused() {
    Map<String, AttributeValue> image = Map.of("x", new AttributeValue().withS("1").withN("1"));

    assertThatThrownBy(() -> ImageJson.render(image)).isInstanceOf(BadRecordException.class)
        .hasMessage("attribute x has several types [S, N]");
  }

  @Test
  void aNumberThatIsNotJsonIsRefusedRatherThanWrittenAsBrokenJson() {
    for (String bad : List.of("abc", "1.", ".5", "+1", "NaN", "0x10", "")) {
      assertThatThrownBy(() -> ImageJson.render(Map.of("m", new AttributeValue().withM(Map.of("n", n(bad))))))
          .as(bad).isInstanceOf(BadRecordException.class)
          .hasMessageStartingWith("attribute m.n is an N that is not a number");
    }
  }

  @Test
  void nullFalseIsRefused() {
    assertThatThrownBy(() -> ImageJson.render(Map.of("x", new AttributeValue().withNULL(false))))
        .isInstanceOf(BadRecordException.class).hasMessageContaining("NULL: false");
  }
}
