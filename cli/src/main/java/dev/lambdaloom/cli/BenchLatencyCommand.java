package dev.lambdaloom.cli;

import dev.lambdaloom.bench.latency.LatencyBenchmark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "latency", mixinStandardHelpOptions = true,
    description = {"Function A calls function B through the local Invoke API with the AWS SDK, RequestResponse and",
        "Event; both take wall-clock timestamps on this machine's one clock: dispatch, handler, return and round trip",
        "percentiles, negative differences (the article found 46%), histograms."})
final class BenchLatencyCommand implements Callable<Integer> {
  /** Where the build puts the fixture's zip, under Lambdaloom's checkout. */
  static final String FIXTURE_ZIP = "bench-fixtures/chain/target/chain.zip";

  @Mixin EmulatorOptions options;

  @Option(names = "--calls", defaultValue = "10000",
      description = "Calls of B per type and memory size (default: ${DEFAULT-VALUE})")
  int calls;

  @Option(names = "--memory", split = ",", defaultValue = "128,512",
      description = "MemorySize of A and B, MB, one sweep each (default: ${DEFAULT-VALUE})")
  List<Integer> memorySizes;

  @Option(names = "--deadline", defaultValue = "300",
      description = "Seconds one run (a type at a memory size) may make calls; it stops by itself then "
          + "(default: ${DEFAULT-VALUE})")
  int deadlineSeconds;

  @Option(names = "--fixture", paramLabel = "ZIP", description = "The fixture's zip (default: <lambdaloom>/" + FIXTURE_ZIP + ")")
  Path fixture;

  @Mixin ResultsOption results;

  @Override
  public Integer call() throws Exception {
    options.requireLocal("bench latency");
    Path zip = fixture != null ? fixture : LambdaloomHome.path().resolve(FIXTURE_ZIP);
    new LatencyBenchmark(new LatencyBenchmark.Options(zip, results.root(), options.settings(), calls, memorySizes,
        Duration.ofSeconds(deadlineSeconds)), System.out).run();
    return 0;
  }
}
