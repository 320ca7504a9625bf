package dev.lambdaloom.emulator.events;

import java.util.Objects;

/**
 * One event source mapping as the template declares it.
 *
 * @param uuid the mapping's id (UUID form, as the API gives it), stable for a template: the same function and event
 *     name give the same id at every start, so checkpoints and failure records can be found again
 * @param eventName the event's logical name under the function's {@code Events}
 * @param functionName the function it invokes
 * @param kind the source
 * @param eventSourceArn the source's ARN as the template resolves it
 * @param settings the validated properties
 */
public record MappingConfig(String uuid, String eventName, String functionName, SourceKind kind,
    String eventSourceArn, MappingSettings settings) {
  public MappingConfig {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(eventSourceArn, "eventSourceArn");
    Objects.requireNonNull(settings, "settings");
  }

  /** The last part of the source's ARN: the table, stream, queue or topic name. */
  public String sourceName() {
    return switch (kind) {
      // arn:aws:dynamodb:region:account:table/NAME/stream/LABEL
      case DYNAMODB -> arnResource().split("/")[1];
      // arn:aws:kinesis:region:account:stream/NAME
      case KINESIS -> arnResource().substring(arnResource().indexOf('/') + 1);
      case SQS, SNS -> arnResource();
    };
  }

  private String arnResource() {
    String[] parts = eventSourceArn.split(":", 6);
    if (parts.length < 6) {
      throw new IllegalStateException("not an ARN: " + eventSourceArn);
    }
    return parts[5];
  }
}
