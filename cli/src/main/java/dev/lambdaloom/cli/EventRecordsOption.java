package dev.lambdaloom.cli;

import dev.lambdaloom.emulator.events.samples.RecordCount;
import picocli.CommandLine.Option;

/** --records of the event subcommands whose sources deliver batches. */
final class EventRecordsOption {
  @Option(names = "--records", paramLabel = "N", defaultValue = "1",
      description = "Records in the batch, 1 to 10000 (default: ${DEFAULT-VALUE})")
  int records;

  RecordCount count() {
    return new RecordCount(records);
  }
}
