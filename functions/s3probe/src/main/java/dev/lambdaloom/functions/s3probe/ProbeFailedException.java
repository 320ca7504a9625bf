package dev.lambdaloom.functions.s3probe;

/**
 * The probe cannot run at all: the listing failed (missing bucket, access denied, timeout) or returned more objects
 * than allowed. Another invocation with the same event would fail the same way, so it fails the invocation, with
 * the SDK's exception as its cause. A failure of one object's GET is counted in the result instead.
 */
public final class ProbeFailedException extends RuntimeException {
  public ProbeFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  public ProbeFailedException(String message) {
    super(message);
  }
}
