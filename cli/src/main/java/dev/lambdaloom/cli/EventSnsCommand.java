package dev.lambdaloom.cli;

import dev.lambdaloom.emulator.events.samples.SnsSample;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sns", mixinStandardHelpOptions = true,
    description = "An SNS event (SNSEvent): one notification, as SNS invokes a function with one record.")
final class EventSnsCommand implements Callable<Integer> {
  @Mixin EventOriginOptions origin;

  @Option(names = "--topic", paramLabel = "NAME", defaultValue = "my-topic",
      description = "Topic name (default: ${DEFAULT-VALUE})")
  String topic;

  @Option(names = "--message", paramLabel = "TEXT", description = "The message (default: {\"record\":1})")
  String message;

  @Option(names = "--subject", paramLabel = "TEXT", description = "The subject (default: none, null in the event)")
  String subject;

  @Override
  public Integer call() {
    SnsSample sample = SnsSample.of(origin.origin()).topic(topic);
    if (message != null) {
      sample = sample.message(message);
    }
    if (subject != null) {
      sample = sample.subject(subject);
    }
    return EventOriginOptions.print(sample.json());
  }
}
