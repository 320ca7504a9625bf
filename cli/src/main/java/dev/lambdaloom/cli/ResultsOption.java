package dev.lambdaloom.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a benchmark writes its report: --results, else bench-results/ in Lambdaloom's checkout. */
final class ResultsOption {
  @Option(names = "--results", paramLabel = "DIR", description = "Where reports go (default: <lambdaloom>/bench-results)")
  Path results;

  Path root() {
    return results != null ? results : LambdaloomHome.path().resolve("bench-results");
  }
}
