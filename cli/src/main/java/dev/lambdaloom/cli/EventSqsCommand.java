package dev.lambdaloom.cli;

import dev.lambdaloom.emulator.events.samples.SqsSample;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sqs", mixinStandardHelpOptions = true,
    description = {"An SQS event (SQSEvent): a batch of messages with ids, receipt handles and the body's MD5.",
        "Without --body, message i has body {\"record\":i}. A FIFO queue (--fifo, --group-id or a name ending in "
            + ".fifo) adds MessageGroupId, MessageDeduplicationId and SequenceNumber."})
final class EventSqsCommand implements Callable<Integer> {
  @Mixin EventOriginOptions origin;
  @Mixin EventRecordsOption records;

  @Option(names = "--queue", paramLabel = "NAME", description = "Queue name (default: my-queue, my-queue.fifo with --fifo)")
  String queue;

  @Option(names = "--body", paramLabel = "TEXT", description = "Body of every message")
  String body;

  @Option(names = "--fifo", description = "Messages of a FIFO queue")
  boolean fifo;

  @Option(names = "--group-id", paramLabel = "GROUP",
      description = "Message group of a FIFO queue's messages (default: " + SqsSample.DEFAULT_GROUP_ID + ")")
  String groupId;

  @Override
  public Integer call() {
    SqsSample sample = SqsSample.of(origin.origin()).records(records.count());
    if (queue != null) {
      sample = sample.queue(queue);
    }
    if (body != null) {
      sample = sample.body(body);
    }
    if (fifo || groupId != null) {
      sample = sample.fifo(groupId != null ? groupId : SqsSample.DEFAULT_GROUP_ID);
    }
    return EventOriginOptions.print(sample.json());
  }
}
