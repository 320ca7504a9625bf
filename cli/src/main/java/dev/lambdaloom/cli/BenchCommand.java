package dev.lambdaloom.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run an experiment; figures go to bench-results/<experiment>/ as JSON, Markdown and PNG charts.",
    subcommands = {BenchEmulatorCommand.class, BenchIngestCommand.class, BenchScavengerCommand.class,
        BenchTouristCommand.class, BenchS3ProbeCommand.class, BenchMisbehaveCommand.class,
        BenchLatencyCommand.class, BenchStreamsCommand.class, BenchColdstartCommand.class})
final class BenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(System.out);
    return 0;
  }
}
