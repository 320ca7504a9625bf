package dev.lambdaloom.functions.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HelloEventTest {
  private static String name(String event) throws IOException {
    return HelloEvent.name(HelloHandler.JSON, new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsTheNameAndSkipsEveryOtherFieldWhateverItHolds() throws IOException {
    assertThat(name("{\"before\":{\"name\":\"inner\",\"x\":[1,2,{\"name\":\"deep\"}]},\"name\":\"Ada\",\"after\":[]}"))
        .isEqualTo("Ada");
  }

  @Test
  void aMissingOrNullNameOrEventIsNoName() throws IOException {
    assertThat(name("{}")).isNull();
    assertThat(name("{\"name\":null}")).isNull();
    assertThat(name("null")).isNull();
    assertThat(name("")).isNull();
  }

  @Test
  void aNumberOrABooleanNameIsItsText() throws IOException {
    assertThat(name("{\"name\":42}")).isEqualTo("42");
    assertThat(name("{\"name\":true}")).isEqualTo("true");
  }

  @Test
  void refusesAnEventThatIsNotAnObjectOrANameThatIsNotAScalarSayingWhatItGot() {
    assertThatThrownBy(() -> name("[\"Ada\"]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a JSON object").hasMessageContaining("an array");
    assertThatThrownBy(() -> name("{\"name\":{\"first\":\"Ada\"}}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"name\" must be a string, got an object");
  }

  @Test
  void refusesJsonThatIsNotJson() {
    assertThatThrownBy(() -> name("{\"name\": Ada}")).isInstanceOf(JsonParseException.class);
  }
}
