package dev.lambdaloom.runtimes.al2023;

import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.template.FunctionConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The training invocation: the staged code runs as {@code provided.al2023} on the emulator with its bootstrap in
 * training mode (the JVM records what it loads and links), answers the recorded event, and is then ended with SIGTERM,
 * at which the JVM writes its AOT configuration (the emulator itself would kill it, and a killed JVM writes nothing).
 */
final class TrainingRun {
  static final String TRAINING_VARIABLE = "LAMBDALOOM_AOT_TRAINING";
  /** Recording slows the JVM: the template's init limit and timeout would fail a slow machine's run for no reason. */
  private static final Duration TRAINING_LIMIT = Duration.ofSeconds(120);
  private static final int LOG_LINES_KEPT = 30;

  private TrainingRun() {
  }

  /** One training run with the spec's services started for it alone. */
  static TrainingOutcome run(FunctionConfig function, Path stage, TrainingSpec spec, Path work)
      throws IOException, InterruptedException {
    try (TrainingServices services = TrainingServices.startFor(function, spec)) {
      return run(function, stage, spec, services, work);
    }
  }

  /** One training run against services already started (a function's runs, one per loop, share them). */
  static TrainingOutcome run(FunctionConfig function, Path stage, TrainingSpec spec, TrainingServices services,
      Path work) throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path configuration = work.resolve("app.aotconf");
    Path pidFile = work.resolve("app.aotconf.pid");
    Files.deleteIfExists(configuration);
    Files.deleteIfExists(pidFile);
    Map<String, String> environment = new LinkedHashMap<>(function.environment());
    environment.putAll(services.environment());
    spec.environment().forEach((name, value) -> environment.put(name, services.substitute(value)));
    environment.put(TRAINING_VARIABLE, configuration.toAbsolutePath().toString());
    FunctionConfig training = new FunctionConfig(function.name(), function.handler(), "provided.al2023", stage,
        function.memoryMb(), TRAINING_LIMIT, environment, 1, function.architecture(), 0, Map.of());
    EmulatorSettings settings = EmulatorSettings.defaults().withInitTimeout(TRAINING_LIMIT).withEnforceLimits(false)
        .withWorkParent(work);
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    try (Emulator emulator = new Emulator(List.of(training), settings, (name, lines) -> keep(log, lines))) {
      byte[] event = services.substitute(new String(spec.event(), StandardCharsets.UTF_8))
          .getBytes(StandardCharsets.UTF_8);
      InvokeResult result = emulator.invoke(function.name(), event);
      Optional<String> failure = failure(result, spec);
      if (failure.isPresent()) {
        return new TrainingOutcome.Failed(failure.get() + lastLines(log));
      }
      if (!Files.isRegularFile(pidFile)) {
        return new TrainingOutcome.Failed("the bootstrap did not start in training mode (no " + pidFile + ")");
      }
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      Optional<ProcessHandle> jvm = ProcessHandle.of(pid);
      if (jvm.isEmpty()) {
        return new TrainingOutcome.Failed("the JVM (pid " + pid + ") ended before it was asked to" + lastLines(log));
      }
      jvm.get().destroy();
      try {
        jvm.get().onExit().get(TRAINING_LIMIT.toSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        jvm.get().destroyForcibly();
        return new TrainingOutcome.Failed("the JVM did not end within " + TRAINING_LIMIT.toSeconds()
            + " s of SIGTERM, so wrote no AOT configuration" + lastLines(log));
      } catch (ExecutionException e) {
        throw new IOException("cannot wait for the training JVM", e);
      }
    }
    if (!Files.isRegularFile(configuration) || Files.size(configuration) == 0) {
      return new TrainingOutcome.Failed("the JVM ended without writing its AOT configuration " + configuration
          + lastLines(log));
    }
    return new TrainingOutcome.Recorded(configuration);
  }

  private static Optional<String> failure(InvokeResult result, TrainingSpec spec) {
    if (!result.failed()) {
      return spec.expectedError().map(type -> "the training event was expected to be rejected with " + type
          + " but the function answered " + abbreviate(result.payloadText()));
    }
    if (spec.expectedError().isPresent() && spec.expectedError().get().equals(result.errorType())) {
      return Optional.empty();
    }
    return Optional.of("the invocation failed with " + result.errorType() + ": " + abbreviate(result.payloadText()));
  }

  private static void keep(List<String> log, List<String> lines) {
    for (String line : lines) {
      if (!line.contains("[aot") || line.contains("error")) { // the recording's own chatter says nothing of the failure
        log.add(line);
      }
    }
    while (log.size() > LOG_LINES_KEPT) {
      log.removeFirst();
    }
  }

  private static String lastLines(List<String> log) {
    synchronized (log) {
      return log.isEmpty() ? "" : "\n  its last log lines:\n    " + String.join("\n    ", log);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 600 ? text : text.substring(0, 600) + "...";
  }
}
