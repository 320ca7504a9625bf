package dev.lambdaloom.emulator.stepfunctions;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.template.StateMachineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small States Language documents for tests: loaded as a template's state machine would be. */
final class Asl {
  static final ObjectMapper JSON = new ObjectMapper();

  private Asl() {}

  static LocalStateMachine machine(String json, String... functions) {
    return LocalStateMachine.load(new StateMachineConfig("Test", "STANDARD", map(json)), Set.of(functions));
  }

  static Map<String, Object> map(String json) {
    try {
      return JSON.readValue(json, new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A pause that waits for nothing and keeps the delays it was asked for. */
  static final class RecordedPauses implements RetryPause {
    final List<Duration> delays = new ArrayList<>();

    @Override
    public synchronized void pause(Duration delay) {
      delays.add(delay);
    }
  }

  /** An interpreter whose Tasks may not run: for documents without any. */
  static StateMachineInterpreter withoutTasks(LocalStateMachine machine) {
    return new StateMachineInterpreter(machine, (function, payload) -> {
      throw new AssertionError("no Task should run, but " + function + " was invoked");
    }, new RecordedPauses(), Clock.systemUTC(), "us-east-1", "123456789012");
  }
}
