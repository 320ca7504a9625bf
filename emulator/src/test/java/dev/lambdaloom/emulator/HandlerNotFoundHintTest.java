package dev.lambdaloom.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.emulator.template.FunctionConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerNotFoundHintTest {
  private static final FunctionConfig FUNCTION = new FunctionConfig("Hello", "com.example.Missing::handleRequest",
      "java25", Path.of("hello.zip"), 512, Duration.ofSeconds(3), Map.of(), 1, "x86_64", 0, Map.of());

  @Test
  void namesTheFixWhenTheHandlerClassItselfIsNotFound() {
    byte[] payload = "{\"errorMessage\":\"Class not found: com.example.Missing\",\"errorType\":\"java.lang.ClassNotFoundException\"}"
        .getBytes(StandardCharsets.UTF_8);

    assertThat(HandlerNotFoundHint.of(FUNCTION, "java.lang.ClassNotFoundException", payload)).hasValueSatisfying(hint ->
        assertThat(hint).contains("com.example.Missing is not in Hello's code (hello.zip").contains("Fix: correct Handler"));
  }

  @Test
  void saysNothingWhenAnotherClassIsMissing() {
    byte[] payload = "{\"errorMessage\":\"org.postgresql.Driver\",\"errorType\":\"java.lang.ClassNotFoundException\"}"
        .getBytes(StandardCharsets.UTF_8);

    assertThat(HandlerNotFoundHint.of(FUNCTION, "java.lang.ClassNotFoundException", payload)).isEmpty();
    assertThat(HandlerNotFoundHint.of(FUNCTION, "java.lang.IllegalStateException", payload)).isEmpty();
  }
}
