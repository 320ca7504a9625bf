package dev.lambdaloom.cli;

import dev.lambdaloom.emulator.events.samples.DynamoDbStreamSample;
import dev.lambdaloom.emulator.events.samples.DynamoDbStreamSample.EventName;
import dev.lambdaloom.emulator.events.samples.DynamoDbStreamSample.StreamViewType;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "dynamodb", mixinStandardHelpOptions = true,
    description = {"A DynamoDB Streams event (DynamodbEvent).",
        "Keys and images are DynamoDB JSON: '{\"pk\":{\"S\":\"w-1\"},\"count\":{\"N\":\"3\"}}'. Images get the key "
            + "attributes they lack; without --keys, record i has key {\"pk\":{\"S\":\"item-i\"}}."})
final class EventDynamodbCommand implements Callable<Integer> {
  @Mixin EventOriginOptions origin;
  @Mixin EventRecordsOption records;

  @Option(names = "--event-name", paramLabel = "NAME", defaultValue = "INSERT",
      description = "INSERT, MODIFY or REMOVE (default: ${DEFAULT-VALUE})")
  EventName eventName;

  @Option(names = "--table", paramLabel = "TABLE", defaultValue = "Workers",
      description = "Table whose stream the records come from (default: ${DEFAULT-VALUE})")
  String table;

  @Option(names = "--keys", paramLabel = "JSON", description = "Primary key of every record, DynamoDB JSON")
  String keys;

  @Option(names = "--new-image", paramLabel = "JSON", description = "Item after the change, DynamoDB JSON")
  String newImage;

  @Option(names = "--old-image", paramLabel = "JSON", description = "Item before the change, DynamoDB JSON")
  String oldImage;

  @Option(names = "--stream-view", paramLabel = "TYPE", defaultValue = "NEW_AND_OLD_IMAGES",
      description = "KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES (default: ${DEFAULT-VALUE})")
  StreamViewType streamView;

  @Override
  public Integer call() {
    DynamoDbStreamSample sample = DynamoDbStreamSample.of(origin.origin()).eventName(eventName).table(table)
        .records(records.count()).streamViewType(streamView);
    if (keys != null) {
      sample = sample.keys(keys);
    }
    if (newImage != null) {
      sample = sample.newImage(newImage);
    }
    if (oldImage != null) {
      sample = sample.oldImage(oldImage);
    }
    return EventOriginOptions.print(sample.json());
  }
}
