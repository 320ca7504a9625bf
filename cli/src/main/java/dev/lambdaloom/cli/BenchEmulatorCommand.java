package dev.lambdaloom.cli;

import dev.lambdaloom.bench.emulator.EmulatorBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "emulator", mixinStandardHelpOptions = true,
    description = "Cold start of a trivial java25 handler and the emulator's overhead per warm invocation.")
final class BenchEmulatorCommand implements Callable<Integer> {
  @Mixin EmulatorOptions options;

  @Option(names = "--function", defaultValue = HelloDemo.FUNCTION, description = "A trivial function (default: ${DEFAULT-VALUE})")
  String function;

  @Option(names = "--cold", defaultValue = "10", description = "Cold starts to time (default: ${DEFAULT-VALUE})")
  int coldStarts;

  @Option(names = "--calls", defaultValue = "1000", description = "Warm calls per path (default: ${DEFAULT-VALUE})")
  int warmCalls;

  @Mixin ResultsOption results;

  @Override
  public Integer call() throws Exception {
    options.requireLocal("bench emulator");
    Path root = results.root();
    new EmulatorBenchmark(new EmulatorBenchmark.Options(options.templateFile(), function, coldStarts, warmCalls,
        root, options.settings()), System.out).run();
    return 0;
  }
}
