package dev.lambdaloom.emulator;

import dev.lambdaloom.emulator.events.InvocationCause;
import dev.lambdaloom.emulator.trace.TraceContext;

/**
 * One event on its way to a function, with what the Runtime API hands the runtime alongside it.
 *
 * @param requestId Lambda-Runtime-Aws-Request-Id
 * @param payload the event, as sent by the caller
 * @param functionArn Lambda-Runtime-Invoked-Function-Arn
 * @param trace its trace context, handed over as Lambda-Runtime-Trace-Id
 * @param cause why it runs, for the invocation ledger
 * @param clientContext Lambda-Runtime-Client-Context (JSON), or null
 * @param cognitoIdentity Lambda-Runtime-Cognito-Identity (JSON), or null
 */
record Invocation(String requestId, byte[] payload, String functionArn, TraceContext trace, InvocationCause cause,
    String clientContext, String cognitoIdentity) {

  /** Lambda-Runtime-Trace-Id, X-Ray format. */
  String traceId() {
    return trace.header();
  }

  /** The retry of an Event invocation: same request id and payload, a segment of its own in the same trace. */
  Invocation retry(int attempt) {
    return new Invocation(requestId, payload, functionArn, trace.nextAttempt(),
        new InvocationCause.AsyncRetry(requestId, attempt), clientContext, cognitoIdentity);
  }
}
