package dev.lambdaloom.cli;

import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.template.FunctionConfig;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One workload of {@code lambdaloom demo}: it runs through the emulator and adds a line to the summary. */
interface DemoStep {
  String name();

  /** One line: what the step shows. */
  String description();

  /** Runs the workload; returns its summary row. */
  SummaryRow run(Emulator emulator, PrintStream out) throws Exception;

  /**
   * An emulator of its own for one function of {@code base}'s template, with extra environment (the
   * endpoints of the embedded services a step started), as `sam local --env-vars` would give it.
   */
  static Emulator emulatorFor(Emulator base, String function, Map<String, String> extraEnvironment, LogSink sink) {
    FunctionConfig declared = base.function(function);
    Map<String, String> environment = new LinkedHashMap<>(declared.environment());
    environment.putAll(extraEnvironment);
    return new Emulator(List.of(declared.withEnvironment(environment)), base.settings(), sink);
  }

  /** A row of the demo's closing table. */
  record SummaryRow(String step, String function, String result, String coldStart, String warm,
      String maxMemory) {}
}
