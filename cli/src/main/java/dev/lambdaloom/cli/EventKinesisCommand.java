package dev.lambdaloom.cli;

import dev.lambdaloom.emulator.events.samples.KinesisSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "kinesis", mixinStandardHelpOptions = true,
    description = {"A Kinesis event (KinesisEvent): one shard's records, data base64.",
        "Without --data or --data-file, record i carries {\"record\":i}."})
final class EventKinesisCommand implements Callable<Integer> {
  @Mixin EventOriginOptions origin;
  @Mixin EventRecordsOption records;

  @Option(names = "--stream", paramLabel = "NAME", defaultValue = "readings",
      description = "Stream name (default: ${DEFAULT-VALUE})")
  String stream;

  @Option(names = "--partition-key", paramLabel = "KEY", defaultValue = "device-1",
      description = "Partition key of every record (default: ${DEFAULT-VALUE})")
  String partitionKey;

  @ArgGroup(exclusive = true)
  Data data;

  static final class Data {
    @Option(names = "--data", paramLabel = "TEXT", description = "Data of every record, as UTF-8 text")
    String text;

    @Option(names = "--data-file", paramLabel = "FILE", description = "Data of every record, the file's bytes")
    Path file;
  }

  @Override
  public Integer call() throws IOException {
    KinesisSample sample = KinesisSample.of(origin.origin()).stream(stream).partitionKey(partitionKey)
        .records(records.count());
    if (data != null && data.text != null) {
      sample = sample.data(data.text);
    } else if (data != null) {
      if (!Files.isRegularFile(data.file)) {
        throw new UserFacingException("data file not found: " + data.file.toAbsolutePath());
      }
      sample = sample.data(Files.readAllBytes(data.file));
    }
    return EventOriginOptions.print(sample.json());
  }
}
