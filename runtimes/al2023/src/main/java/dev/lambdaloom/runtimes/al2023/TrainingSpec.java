package dev.lambdaloom.runtimes.al2023;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A function's recorded training invocation, from this module's resources: {@code training/<Function>.json}, the
 * event, and optionally {@code training/<Function>.properties}: {@code env.NAME=value} lines that replace the
 * template's variables for the run, {@code services=postgres,s3,iot} for the embedded services its event reaches
 * ({@link TrainingServices}: what each sets, and the placeholders it fills in the event and the variables), and
 * {@code expectedError=Type} when the event is one the function rejects on purpose (its validation path).
 *
 * @param function the template's logical name
 * @param event the event's bytes
 * @param environment the variables replaced for the training run
 * @param services the embedded services started for the run, in order
 * @param expectedError the errorType a deliberate rejection answers with, if any
 */
record TrainingSpec(String function, byte[] event, Map<String, String> environment, List<String> services,
    Optional<String> expectedError) {
  static final String RESOURCE_FOLDER = "src/main/resources/dev/lambdaloom/runtimes/al2023/training";

  TrainingSpec {
    environment = Map.copyOf(environment);
    services = List.copyOf(services);
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
        } else if (!name.equals("expectedError") && !name.equals("services")) {
          throw new IllegalArgumentException("training/" + function + ".properties: unknown setting " + name
              + " (only env.NAME=value, services=a,b and expectedError=Type)");
        }
      }
      List<String> services = Arrays.stream(properties.getProperty("services", "").split(",")).map(String::trim)
          .filter(service -> !service.isEmpty()).toList();
      for (String service : services) {
        if (!TrainingServices.KNOWN.contains(service)) {
          throw new IllegalArgumentException("training/" + function + ".properties: unknown service " + service
              + " (known: " + String.join(", ", TrainingServices.KNOWN.stream().sorted().toList()) + ")");
        }
      }
      return Optional.of(new TrainingSpec(function, event.readAllBytes(), environment, services,
          Optional.ofNullable(properties.getProperty("expectedError"))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the training event of " + function, e);
    }
  }
}
