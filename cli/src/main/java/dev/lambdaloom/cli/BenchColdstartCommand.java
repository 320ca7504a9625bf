package dev.lambdaloom.cli;

import dev.lambdaloom.bench.coldstart.ColdstartBenchmark;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "coldstart", mixinStandardHelpOptions = true,
    description = "Forced cold starts of every function: managed java25, with PRIME_ON_INIT, and the custom runtime "
        + "(provided.al2023, jlink, AOT cache), as ratios to the JVM's hello world and a native bootstrap.")
final class BenchColdstartCommand implements Callable<Integer> {
  @Mixin EmulatorOptions options;

  @Option(names = "--functions", split = ",", description = "Logical ids to measure (default: every Java function)")
  List<String> functions;

  @Option(names = "--runs", defaultValue = "5", description = "Cold starts per function and variant (default: ${DEFAULT-VALUE})")
  int runs;

  @Option(names = "--load", defaultValue = "200",
      description = "Tourist invocations in one container for its Max Memory Used under load (0: none; default: ${DEFAULT-VALUE})")
  int loadCalls;

  @Mixin ResultsOption results;

  @Override
  public Integer call() throws Exception {
    options.requireLocal("bench coldstart");
    if (runs < 1) {
      throw new UserFacingException("--runs must be at least 1, got " + runs);
    }
    new ColdstartBenchmark(new ColdstartBenchmark.Options(options.templateFile(), functions == null ? List.of() : functions,
        runs, loadCalls, TouristDatabase.migrations(options.templateFile()),
        LambdaloomHome.path().resolve("runtimes/al2023/target"), results.root(), options.settings()), System.out).run();
    return 0;
  }
}
