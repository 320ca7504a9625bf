package dev.lambdaloom.cli;

import dev.lambdaloom.bench.ingest.IngestBenchmark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"The data factory through the emulator: concurrency 1 (sequential) to 1,024 at several memory sizes,",
        "the CPU path (0 ms latency, and in-process on one core), and a long run; docs/s, MB/s, memory, cost."})
final class BenchIngestCommand implements Callable<Integer> {
  @Mixin EmulatorOptions options;

  @Option(names = "--documents", defaultValue = "10000", description = "Documents per run (default: ${DEFAULT-VALUE})")
  int documents;

  @Option(names = "--latency-ms", defaultValue = "20", description = "The API's latency (default: ${DEFAULT-VALUE})")
  long latencyMs;

  @Option(names = "--concurrency", split = ",", defaultValue = "1,16,64,256,1024",
      description = "Concurrencies to sweep (default: ${DEFAULT-VALUE})")
  List<Integer> concurrencies;

  @Option(names = "--memory", split = ",", defaultValue = "512,1024,1769",
      description = "MemorySize of each sweep, MB (default: ${DEFAULT-VALUE})")
  List<Integer> memorySizes;

  @Option(names = "--long-run", defaultValue = "100000",
      description = "Documents of the long run, 0 to skip (default: ${DEFAULT-VALUE})")
  int longRun;

  @Option(names = "--long-run-memory", defaultValue = "1769", description = "Its MemorySize (default: ${DEFAULT-VALUE})")
  int longRunMemory;

  @Mixin ResultsOption results;

  @Override
  public Integer call() throws Exception {
    options.requireLocal("bench ingest");
    Path root = results.root();
    new IngestBenchmark(new IngestBenchmark.Options(options.loadTemplate(), root, options.settings(), documents,
        Duration.ofMillis(latencyMs), concurrencies, memorySizes, longRun, longRunMemory), System.out).run();
    return 0;
  }
}
