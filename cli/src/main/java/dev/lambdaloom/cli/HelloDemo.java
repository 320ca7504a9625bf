package dev.lambdaloom.cli;

import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.Report;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The sample function, cold then warm: Lambda's lifecycle and REPORT lines, without Docker. */
final class HelloDemo implements DemoStep {
  static final String FUNCTION = "HelloFunction";
  private static final int WARM_CALLS = 5;

  @Override
  public String name() {
    return "hello";
  }

  @Override
  public String description() {
    return FUNCTION + ": one cold start, then " + WARM_CALLS + " warm invocations of the same container";
  }

  @Override
  public SummaryRow run(Emulator emulator, PrintStream out) throws Exception {
    byte[] event = "{\"name\":\"Lambdaloom demo\"}".getBytes(StandardCharsets.UTF_8);
    InvokeResult cold = emulator.invoke(FUNCTION, event);
    Report coldReport = cold.awaitLog().report();
    out.println("  response: " + cold.payloadText());
    List<Double> warm = new ArrayList<>();
    long maxMemory = coldReport.maxMemoryUsedMb();
    boolean failed = cold.failed();
    for (int i = 0; i < WARM_CALLS; i++) {
      InvokeResult result = emulator.invoke(FUNCTION, event);
      Report report = result.awaitLog().report();
      failed |= result.failed() || result.coldStart();
      warm.add(report.durationMs());
      maxMemory = Math.max(maxMemory, report.maxMemoryUsedMb());
    }
    warm.sort(Double::compare);
    return new SummaryRow(name(), FUNCTION, failed ? "FAILED" : "ok, 1 cold + " + WARM_CALLS + " warm",
        String.format(Locale.ROOT, "init %.0f ms + first %.0f ms", coldReport.initDurationMs(), coldReport.durationMs()),
        String.format(Locale.ROOT, "median %.2f ms", warm.get(warm.size() / 2)),
        maxMemory + " of " + coldReport.memorySizeMb() + " MB");
  }
}
