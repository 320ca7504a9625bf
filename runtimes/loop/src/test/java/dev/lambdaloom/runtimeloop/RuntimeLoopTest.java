package dev.lambdaloom.runtimeloop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.template.FunctionConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lean loop as provided.al2023 code on the emulator's Runtime API: answers, errors, init errors, oversize. */
class RuntimeLoopTest {
  @TempDir
  Path temp;
  private Path code;

  @BeforeEach
  void bootstrap() throws Exception {
    code = Files.createDirectories(temp.resolve("code"));
    Path bootstrap = code.resolve("bootstrap");
    Files.writeString(bootstrap, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
        + "' -XX:TieredStopAtLevel=1 -cp '" + System.getProperty("java.class.path") + "' "
        + RuntimeLoop.class.getName() + " \"$_HANDLER\"\n");
    Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void answersAPojoHandlerColdThenWarmWithItsContext() throws Exception {
    try (Emulator emulator = emulator(EchoHandler.class.getName() + "::handleRequest")) {
      InvokeResult cold = emulator.invoke("Loop", bytes("{\"name\":\"a\"}"));
      InvokeResult warm = emulator.invoke("Loop", bytes("{\"name\":\"b\"}"));

      assertThat(cold.failed()).as(cold.payloadText()).isFalse();
      assertThat(cold.coldStart()).isTrue();
      assertThat(cold.payloadText()).contains("\"name\":\"a\"").contains("\"requestId\":\"" + cold.requestId() + "\"")
          .contains("\"function\":\"Loop\"").contains("\"remainingPositive\":true");
      assertThat(warm.coldStart()).isFalse();
      assertThat(warm.payloadText()).contains("\"name\":\"b\"");
    }
  }

  @Test
  void givesAStreamHandlerTheEventsBytes() throws Exception {
    try (Emulator emulator = emulator(UpperCaseStreamHandler.class.getName())) {
      assertThat(emulator.invoke("Loop", bytes("{\"a\":\"b\"}")).payloadText()).isEqualTo("{\"A\":\"B\"}");
    }
  }

  @Test
  void postsAHandlersExceptionAsTheInvocationsErrorAndTakesTheNextEvent() throws Exception {
    try (Emulator emulator = emulator(EchoHandler.class.getName() + "::handleRequest")) {
      InvokeResult failed = emulator.invoke("Loop", bytes("{\"fail\":true}"));
      InvokeResult next = emulator.invoke("Loop", bytes("{\"name\":\"after\"}"));

      assertThat(failed.failed()).isTrue();
      assertThat(failed.errorType()).isEqualTo("java.lang.IllegalStateException");
      assertThat(failed.payloadText()).contains("\"errorMessage\":\"asked to fail\"").contains("\"stackTrace\":[");
      assertThat(next.failed()).isFalse();
      assertThat(next.coldStart()).isFalse();
    }
  }

  @Test
  void postsAMissingHandlerClassAsAnInitError() throws Exception {
    try (Emulator emulator = emulator("dev.lambdaloom.runtimeloop.Missing::handleRequest")) {
      InvokeResult result = emulator.invoke("Loop", bytes("{}"));

      assertThat(result.failed()).isTrue();
      assertThat(result.errorType()).isEqualTo("java.lang.ClassNotFoundException");
      assertThat(result.payloadText()).contains("dev.lambdaloom.runtimeloop.Missing");
    }
  }

  @Test
  void aResponseOverThePayloadLimitFailsTheInvocationAndTheLoopGoesOn() throws Exception {
    try (Emulator emulator = emulator(EchoHandler.class.getName() + "::handleRequest")) {
      InvokeResult tooLarge = emulator.invoke("Loop", bytes("{\"bytes\":" + (Emulator.MAX_SYNC_PAYLOAD_BYTES + 10) + "}"));
      InvokeResult next = emulator.invoke("Loop", bytes("{\"name\":\"after\"}"));

      assertThat(tooLarge.failed()).isTrue();
      assertThat(next.failed()).as(next.payloadText()).isFalse();
    }
  }

  private Emulator emulator(String handler) {
    FunctionConfig function = new FunctionConfig("Loop", handler, "provided.al2023", code, 512, Duration.ofSeconds(30),
        Map.of(), 1, "x86_64", 0, Map.of());
    return new Emulator(List.of(function), EmulatorSettings.defaults().withWorkParent(temp)
        .withInitTimeout(Duration.ofSeconds(30)), (name, lines) -> {});
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
