package dev.lambdaloom.cli;

import dev.lambdaloom.emulator.events.samples.SampleOrigin;
import java.time.Instant;
import picocli.CommandLine.Option;

/** The options every event subcommand shares: where and when the event happens, and the seed of its ids. */
final class EventOriginOptions {
  @Option(names = "--region", paramLabel = "REGION", defaultValue = "us-east-1",
      description = "Region in the event's ARNs and awsRegion (default: ${DEFAULT-VALUE})")
  String region;

  @Option(names = "--account", paramLabel = "ID", defaultValue = "123456789012",
      description = "Account id in the event's ARNs (default: ${DEFAULT-VALUE})")
  String account;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Seed of the event's ids and sequence numbers; another seed, other ids (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--time", paramLabel = "INSTANT", defaultValue = "2025-01-01T00:00:00Z",
      description = "When the first record happened, ISO 8601 (default: ${DEFAULT-VALUE})")
  Instant time;

  SampleOrigin origin() {
    return new SampleOrigin(region, account, seed, time);
  }

  /** Prints the event as the command's whole output, so that it can be redirected to a file for invoke --event. */
  static Integer print(String event) {
    System.out.println(event);
    System.out.flush();
    return 0;
  }
}
