package dev.lambdaloom.cli;

import dev.lambdaloom.local.emulator.Emulator;
import java.io.PrintStream;

/** One workload of {@code lambdaloom demo}: it runs through the emulator and adds a line to the summary. */
interface DemoStep {
  String name();

  /** One line: what the step shows. */
  String description();

  /** Runs the workload; returns its summary row. */
  SummaryRow run(Emulator emulator, PrintStream out) throws Exception;

  /** A row of the demo's closing table. */
  record SummaryRow(String step, String function, String result, String coldStart, String warm,
      String maxMemory) {}
}
