package dev.lambdaloom.cli;

import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.LogSink;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "The main job: every workload through the local emulator on embedded defaults, then a summary.")
final class DemoCommand implements Callable<Integer> {
  @Mixin EmulatorOptions options;

  static List<DemoStep> steps(Path template) {
    return List.of(new HelloDemo(), new IngestDemo(), new S3ProbeDemo(), new ScavengerDemo(), new EventsDemo(template),
        new TouristDemo());
  }

  @Override
  public Integer call() throws Exception {
    options.requireLocal("demo");
    PrintStream out = System.out;
    List<DemoStep> steps = steps(options.templateFile());
    List<DemoStep.SummaryRow> rows = new ArrayList<>();
    boolean failed = false;
    try (Emulator emulator = options.start(LogSink.printTo(out, true))) {
      out.println("Lambdaloom demo: " + options.templateFile());
      out.println("Limits: " + emulator.limitsDescription());
      for (int i = 0; i < steps.size(); i++) {
        DemoStep step = steps.get(i);
        out.printf("%n[%d/%d] %s: %s%n", i + 1, steps.size(), step.name(), step.description());
        DemoStep.SummaryRow row = step.run(emulator, out);
        failed |= row.result().startsWith("FAILED");
        rows.add(row);
      }
    }
    out.println();
    out.println("Summary");
    TextTable table = new TextTable("step", "function", "result", "cold start", "warm", "max memory");
    rows.forEach(r -> table.row(r.step(), r.function(), r.result(), r.coldStart(), r.warm(), r.maxMemory()));
    table.print(out);
    return failed ? 1 : 0;
  }
}
