package dev.lambdaloom.emulator.events;

/**
 * Why an invocation happened, recorded by the emulator for each invocation it runs so that a chain of events
 * (a function's write, the stream batch it caused, the function that batch invoked) can be followed afterwards.
 */
public sealed interface InvocationCause {
  /** A batch read by an event source mapping. */
  record MappingBatch(String mappingUuid, String eventSourceArn, String shardId, String firstSequence,
      String lastSequence, int records, int attempt) implements InvocationCause {}

  /** A message a topic delivered. */
  record TopicDelivery(String topicArn, String messageId, int attempt) implements InvocationCause {}
}
