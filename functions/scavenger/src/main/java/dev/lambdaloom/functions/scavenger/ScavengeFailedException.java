package dev.lambdaloom.functions.scavenger;

/**
 * A run stopped by a failure that the next invocation would meet again (a missing table, access denied, a validation
 * error, a transient failure that outlasted every retry). Its cause is the SDK's exception. Thrown out of the handler,
 * so that Lambda reports the invocation as failed and a loop "until done" stops, instead of being handed a resume.
 * Deletes already made stay made; invoked again with the same event, the scavenger reads those pages again.
 */
final class ScavengeFailedException extends RuntimeException {
  ScavengeFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
