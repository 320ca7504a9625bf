package dev.lambdaloom.runtimes.loop;

import java.io.IOException;

/**
 * An event as {@code invocation/next} delivers it.
 *
 * @param requestId Lambda-Runtime-Aws-Request-Id
 * @param deadlineEpochMillis Lambda-Runtime-Deadline-Ms
 * @param functionArn Lambda-Runtime-Invoked-Function-Arn (with the alias or version it was invoked through)
 * @param traceId Lambda-Runtime-Trace-Id, or null
 * @param payload the event's bytes
 */
record Invocation(String requestId, long deadlineEpochMillis, String functionArn, String traceId, byte[] payload) {

  static Invocation from(HttpReply reply) throws IOException {
    String requestId = reply.header("Lambda-Runtime-Aws-Request-Id");
    if (requestId == null || requestId.isBlank()) {
      throw new IOException("invocation/next answered " + reply.status() + " without Lambda-Runtime-Aws-Request-Id");
    }
    String deadline = reply.header("Lambda-Runtime-Deadline-Ms");
    long deadlineMillis;
    try {
      deadlineMillis = Long.parseLong(deadline == null ? "" : deadline.trim());
    } catch (NumberFormatException e) {
      throw new IOException("invocation/next answered without a numeric Lambda-Runtime-Deadline-Ms: " + deadline, e);
    }
    return new Invocation(requestId, deadlineMillis, reply.header("Lambda-Runtime-Invoked-Function-Arn"),
        reply.header("Lambda-Runtime-Trace-Id"), reply.body());
  }
}
