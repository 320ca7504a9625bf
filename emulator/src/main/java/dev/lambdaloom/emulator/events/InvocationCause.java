package dev.lambdaloom.emulator.events;

import java.time.Instant;
import java.util.Optional;

/**
 * Why an invocation happened, recorded by the emulator for each invocation it runs so that a chain of events
 * (a function's write, the stream batch it caused, the function that batch invoked) can be followed afterwards.
 */
public sealed interface InvocationCause {
  /** A batch read by an event source mapping; its records arrived at the source between the two instants. */
  record MappingBatch(String mappingUuid, String eventSourceArn, String shardId, String firstSequence,
      String lastSequence, int records, int attempt, Instant firstArrival, Instant lastArrival)
      implements InvocationCause {}

  /** A message a topic delivered. */
  record TopicDelivery(String topicArn, String messageId, int attempt) implements InvocationCause {}

  /**
   * A call through the Invoke API.
   *
   * @param traceHeader the caller's X-Amzn-Trace-Id, empty when it sent none
   */
  record InvokeApi(Optional<String> traceHeader) implements InvocationCause {}

  /** A call made in-process: the CLI's invoke, a benchmark, a test. */
  record Direct() implements InvocationCause {}

  /**
   * The emulator's own retry of a failed Event invocation, with the same request id as Lambda keeps.
   *
   * @param attempt 2 for the first retry, 3 for the second
   */
  record AsyncRetry(String originalRequestId, int attempt) implements InvocationCause {}
}
