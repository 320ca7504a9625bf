package dev.lambdaloom.functions.s3probe;

/** How reading one listed object ended. */
sealed interface ObjectOutcome {
  String key();

  /** The whole body was read and searched. */
  record Read(String key, long bytes, long matches, long nanos) implements ObjectOutcome {}

  /**
   * The GET failed; {@code error} names why as S3 does ({@code NoSuchKey}, {@code AccessDenied}...) or
   * {@code Timeout}, {@code Interrupted}, or the client-side exception's simple name.
   */
  record Failed(String key, String error, String message) implements ObjectOutcome {}

  /** The run's deadline stopped the read before the body was through: not a failure of the object. */
  record Cut(String key) implements ObjectOutcome {}
}
