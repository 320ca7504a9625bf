package dev.lambdaloom.cli;

import dev.lambdaloom.bench.misbehave.MisbehaveBenchmark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "misbehave", mixinStandardHelpOptions = true,
    description = {"A function that misbehaves (runaway loop, heap and native leaks, uncaught exception, exit,",
        "oversized response, hung init) through the emulator: the error, time to detect it, Max Memory Used,",
        "and whether the next call is warm or cold."})
final class BenchMisbehaveCommand implements Callable<Integer> {
  /** Where the build puts the fixture's zip, under Lambdaloom's checkout. */
  static final String FIXTURE_ZIP = "bench-fixtures/misbehave/target/misbehave.zip";

  @Mixin EmulatorOptions options;

  @Option(names = "--repeats", defaultValue = "3",
      description = "Misbehaving calls of each kind (default: ${DEFAULT-VALUE})")
  int repeats;

  @Option(names = "--memory", defaultValue = "256", description = "The functions' MemorySize, MB (default: ${DEFAULT-VALUE})")
  int memoryMb;

  @Option(names = "--timeout", defaultValue = "3",
      description = "The functions' Timeout in seconds: what the loop runs into (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Option(names = "--roomy-timeout", defaultValue = "30",
      description = {"Timeout in seconds of the leaks and the 7 MB answer: the most they may take to reach MemorySize",
          "or the response limit at its CPU share (default: ${DEFAULT-VALUE})"})
  int roomyTimeoutSeconds;

  @Option(names = "--fixture", paramLabel = "ZIP", description = "The fixture's zip (default: <lambdaloom>/" + FIXTURE_ZIP + ")")
  Path fixture;

  @Mixin ResultsOption results;

  @Override
  public Integer call() throws Exception {
    options.requireLocal("bench misbehave");
    Path zip = fixture != null ? fixture : LambdaloomHome.path().resolve(FIXTURE_ZIP);
    // Options refuse a missing zip or a limit Lambda would not take: Main prints that message in one line.
    new MisbehaveBenchmark(new MisbehaveBenchmark.Options(zip, results.root(), options.settings(), memoryMb,
        Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(roomyTimeoutSeconds), repeats), System.out).run();
    return 0;
  }
}
