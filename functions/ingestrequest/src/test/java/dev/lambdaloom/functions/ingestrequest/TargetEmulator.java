package dev.lambdaloom.functions.ingestrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.api.InvokeApiServer;
import dev.lambdaloom.emulator.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An emulator whose IngestFunction is a {@link RecordingTarget}, behind the emulator's Invoke API: what the ingest
 * request functions start, read back from the target's log.
 */
final class TargetEmulator implements AutoCloseable {
  static final String FUNCTION = "IngestFunction";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Emulator emulator;
  private final InvokeApiServer api;
  private final Path log;

  private TargetEmulator(Emulator emulator, InvokeApiServer api, Path log) {
    this.emulator = emulator;
    this.api = api;
    this.log = log;
  }

  static TargetEmulator start(Path dir) throws Exception {
    Path log = dir.resolve("target.log");
    Path classes = Path.of(RecordingTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path template = Files.writeString(dir.resolve("target-template.yaml"), """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Resources:
          %s:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: %s
              Handler: %s::handleRequest
              Runtime: java25
              MemorySize: 256
              Timeout: 60
              Environment:
                Variables:
                  TARGET_LOG: %s
        """.formatted(FUNCTION, classes, RecordingTarget.class.getName(), log));
    Emulator emulator = Emulator.start(SamTemplate.load(template), EmulatorSettings.defaults().withInitTimeout(
        Duration.ofSeconds(120)), LogSink.discard());
    try {
      return new TargetEmulator(emulator, InvokeApiServer.start(emulator, 0), log);
    } catch (Exception e) {
      emulator.close();
      throw e;
    }
  }

  /** The Invoke API's endpoint, for a LambdaClient or AWS_ENDPOINT_URL_LAMBDA. */
  String endpoint() {
    return api.endpoint();
  }

  /** The request the target got for {@code runId}, waiting for the Event invocation to run. */
  JsonNode awaitRun(String runId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : lines()) {
        JsonNode request = read(line);
        if (runId.equals(request.path("runId").asText())) {
          return request;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no run " + runId + " started; the target got " + lines());
  }

  /** Every event the target got so far, one per line. */
  List<String> lines() {
    try {
      return Files.exists(log) ? Files.readAllLines(log) : new ArrayList<>();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    api.close();
    emulator.close();
  }
}
