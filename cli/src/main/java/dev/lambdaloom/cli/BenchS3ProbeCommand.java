package dev.lambdaloom.cli;

import dev.lambdaloom.bench.s3probe.Dataset;
import dev.lambdaloom.bench.s3probe.ProbeClientChoice;
import dev.lambdaloom.bench.s3probe.S3ProbeBenchmark;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "s3probe", mixinStandardHelpOptions = true,
    description = {"The S3 probe's zips through the emulator: every dataset, client and concurrency at every memory",
        "size, beside the S3 server's own ceiling measured in the same run; ratios, cost, cold starts, charts."})
final class BenchS3ProbeCommand implements Callable<Integer> {
  @Mixin EmulatorOptions options;

  @Option(names = "--server", defaultValue = "s3proxy",
      description = "The local S3 server: s3proxy (objects in files; fast) or s3mock (default: ${DEFAULT-VALUE})")
  String server;

  @Option(names = "--datasets", split = ",", defaultValue = "100x10KB,1000x10KB,100x1MB,1000x1MB",
      description = "Object sets, OBJECTSxSIZE (default: ${DEFAULT-VALUE})")
  List<String> datasets;

  @Option(names = "--clients", split = ",", defaultValue = "sync,virtual-threads,platform-threads,netty,crt",
      description = "Client options; sync is the sequential loop (default: ${DEFAULT-VALUE})")
  List<String> clients;

  @Option(names = "--concurrency", split = ",", defaultValue = "1,16,64,256",
      description = "GETs in flight for the concurrent options (default: ${DEFAULT-VALUE})")
  List<Integer> concurrencies;

  @Option(names = "--memory", split = ",", defaultValue = "128,512,1024,1769,3008",
      description = "MemorySize of each sweep, MB (default: ${DEFAULT-VALUE})")
  List<Integer> memorySizes;

  @Option(names = "--timeout", defaultValue = "120",
      description = "Each invocation's Timeout in seconds; a run cut by it says what it did not read "
          + "(default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Option(names = "--repeats", defaultValue = "1",
      description = "Invocations per setting in the same container; the fastest counts (default: ${DEFAULT-VALUE})")
  int repeats;

  @Option(names = "--latency-ms", defaultValue = "0",
      description = {"Added to every answer's first byte by a loopback proxy, for the functions and the ceiling alike",
          "(S3 from Lambda answers in tens of ms, the local server in about one) (default: ${DEFAULT-VALUE})"})
  long latencyMs;

  @Mixin ResultsOption results;

  @Override
  public Integer call() throws Exception {
    options.requireLocal("bench s3probe");
    new S3ProbeBenchmark(new S3ProbeBenchmark.Options(options.loadTemplate(), results.root(), options.settings(),
        S3ProbeBenchmark.Server.parse(server), datasets.stream().map(Dataset::parse).toList(), clients.stream().map(ProbeClientChoice::parse).toList(),
        concurrencies, memorySizes, Duration.ofSeconds(timeoutSeconds), repeats, Duration.ofMillis(latencyMs)), System.out).run();
    return 0;
  }
}
