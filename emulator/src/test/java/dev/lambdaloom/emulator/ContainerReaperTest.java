package dev.lambdaloom.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.emulator.fixtures.FixtureCode;
import dev.lambdaloom.emulator.fixtures.Poll;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM that ends without closing its emulator (Ctrl-C on serve, a stopped benchmark) takes its containers along. */
class ContainerReaperTest {
  @TempDir Path dir;

  @Test
  void aContainerInTheMiddleOfACallEndsWithTheJvmThatRanIt() throws Exception {
    FixtureCode.archive(dir.resolve("fixture.zip"));
    Path template = FixtureCode.template(dir, """
          Fixture:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %s
              Timeout: 300
        """.formatted(FixtureCode.HANDLER));
    Path started = dir.resolve("started");
    Process host = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), EmulatorHost.class.getName(), template.toString(),
        started.toString())
        .redirectErrorStream(true).start();
    try {
      CompletableFuture<Long> pid = CompletableFuture.supplyAsync(() -> {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("pid ")) return Long.parseLong(line.substring(4));
          }
          throw new IllegalStateException("the host ended without a pid");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      long container = pid.get(60, TimeUnit.SECONDS);
      Poll.until(() -> Files.exists(started), Duration.ofSeconds(30), "the long call to start in the container");
      assertThat(ProcessHandle.of(container)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

      host.destroy(); // SIGTERM: the JVM's shutdown hooks run, the emulator is never closed
      assertThat(host.waitFor(30, TimeUnit.SECONDS)).isTrue();

      Poll.until(() -> ProcessHandle.of(container).map(p -> !p.isAlive()).orElse(true), Duration.ofSeconds(15),
          "container " + container + " to end with its host");
    } finally {
      host.destroyForcibly();
    }
  }
}
