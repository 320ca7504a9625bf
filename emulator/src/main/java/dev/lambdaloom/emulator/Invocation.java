package dev.lambdaloom.emulator;

/**
 * One event on its way to a function, with what the Runtime API hands the runtime alongside it.
 *
 * @param requestId Lambda-Runtime-Aws-Request-Id
 * @param payload the event, as sent by the caller
 * @param functionArn Lambda-Runtime-Invoked-Function-Arn
 * @param traceId Lambda-Runtime-Trace-Id, X-Ray format
 * @param clientContext Lambda-Runtime-Client-Context (JSON), or null
 * @param cognitoIdentity Lambda-Runtime-Cognito-Identity (JSON), or null
 */
record Invocation(String requestId, byte[] payload, String functionArn, String traceId,
    String clientContext, String cognitoIdentity) {}
