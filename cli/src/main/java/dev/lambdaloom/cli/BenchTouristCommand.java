package dev.lambdaloom.cli;

import dev.lambdaloom.bench.tourist.RequestMix;
import dev.lambdaloom.bench.tourist.TouristBenchmark;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tourist", mixinStandardHelpOptions = true,
    description = "Load the tourist API through start-api's gateway at several concurrencies, cold and warm: "
        + "percentiles, throughput, statuses, handler Duration, Init Duration, memory, cost.")
final class BenchTouristCommand implements Callable<Integer> {
  @Mixin EmulatorOptions options;

  @Option(names = "--concurrency", split = ",", defaultValue = "1,10,50",
      description = "Concurrent clients, one cold and one warm run each (default: ${DEFAULT-VALUE})")
  List<Integer> concurrencies;

  @Option(names = {"-n", "--requests"}, defaultValue = "1000", description = "Requests per run (default: ${DEFAULT-VALUE})")
  int requests;

  @Option(names = "--seed-tourists", defaultValue = "1000", description = "Tourists stored before the runs (default: ${DEFAULT-VALUE})")
  int seedTourists;

  @Mixin ResultsOption results;

  @Override
  public Integer call() throws Exception {
    options.requireLocal("bench tourist");
    Path root = results.root();
    new TouristBenchmark(new TouristBenchmark.Options(options.templateFile(), TouristDatabase.migrations(options.templateFile()), concurrencies,
        requests, seedTourists, RequestMix.READ_HEAVY, root, options.settings()), System.out).run();
    return 0;
  }
}
