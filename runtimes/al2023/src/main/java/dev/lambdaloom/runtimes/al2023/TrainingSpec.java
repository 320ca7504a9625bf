package dev.lambdaloom.runtimes.al2023;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A function's recorded training invocation, from this module's resources: {@code training/<Function>.json}, the
 * event, and optionally {@code training/<Function>.properties}: {@code env.NAME=value} lines that replace the
 * template's variables for the run (so that it reaches no service: a database URL on a closed port, say) and
 * {@code expectedError=Type} when the event is one the function rejects on purpose (its validation path).
 *
 * @param function the template's logical name
 * @param event the event's bytes
 * @param environment the variables replaced for the training run
 * @param expectedError the errorType a deliberate rejection answers with, if any
 */
record TrainingSpec(String function, byte[] event, Map<String, String> environment, Optional<String> expectedError) {
  static final String RESOURCE_FOLDER = "src/main/resources/dev/lambdaloom/runtimes/al2023/training";

  TrainingSpec {
    environment = Map.copyOf(environment);
  }

  static Optional<TrainingSpec> find(String function) {
    try (InputStream event = TrainingSpec.class.getResourceAsStream("training/" + function + ".json");
        InputStream settings = TrainingSpec.class.getResourceAsStream("training/" + function + ".properties")) {
      if (event == null) {
        return Optional.empty();
      }
      Properties properties = new Properties();
      if (settings != null) {
        properties.load(settings);
      }
      Map<String, String> environment = new LinkedHashMap<>();
      for (String name : properties.stringPropertyNames()) {
        if (name.startsWith("env.")) {
          environment.put(name.substring(4), properties.getProperty(name));
        } else if (!name.equals("expectedError")) {
          throw new IllegalArgumentException("training/" + function + ".properties: unknown setting " + name
              + " (only env.NAME=value and expectedError=Type)");
        }
      }
      return Optional.of(new TrainingSpec(function, event.readAllBytes(), environment,
          Optional.ofNullable(properties.getProperty("expectedError"))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the training event of " + function, e);
    }
  }
}
