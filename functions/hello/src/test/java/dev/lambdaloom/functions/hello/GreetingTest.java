package dev.lambdaloom.functions.hello;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GreetingTest {
  @Test
  void greetsByNameOrGenerically() {
    assertThat(Greeting.of("Ada")).isEqualTo("Hello, Ada!");
    assertThat(Greeting.of("  Ada  ")).isEqualTo("Hello, Ada!");
    assertThat(Greeting.of(null)).isEqualTo("Hello from Lambdaloom!");
    assertThat(Greeting.of(" ")).isEqualTo("Hello from Lambdaloom!");
  }

  @Test
  void cutsVeryLongNames() {
    assertThat(Greeting.of("x".repeat(500))).hasSize("Hello, ".length() + 64 + 1 + 1);
  }
}
