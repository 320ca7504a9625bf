package dev.lambdaloom.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(name = "event", mixinStandardHelpOptions = true,
    description = {"Print a sample event of an AWS event source, like 'sam local generate-event', for invoke --event:",
        "  ./lambdaloom event sqs --body hello > event.json && ./lambdaloom invoke MyFunction --event event.json",
        "The same options give the same event: ids, sequence numbers and times derive from --seed and --time."},
    subcommands = {EventDynamodbCommand.class, EventKinesisCommand.class, EventSqsCommand.class,
        EventSnsCommand.class, EventS3Command.class, EventApiGatewayCommand.class})
final class EventCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(System.out);
    return 0;
  }
}
