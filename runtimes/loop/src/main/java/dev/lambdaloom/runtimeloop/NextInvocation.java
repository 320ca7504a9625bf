package dev.lambdaloom.runtimeloop;

/**
 * One event from {@code GET /runtime/invocation/next}, with the headers the Runtime API sends beside it.
 *
 * @param deadlineMs Lambda-Runtime-Deadline-Ms, epoch milliseconds
 */
record NextInvocation(String requestId, long deadlineMs, String functionArn, String traceId, String clientContext,
    String cognitoIdentity, byte[] body) {}
