package dev.lambdaloom.functions.audit;

/**
 * A stream record this function cannot apply as delivered: it fails alone (a batch item failure, with this message in
 * the log) and the rest of the batch goes on.
 */
final class BadRecordException extends Exception {
  BadRecordException(String message) {
    super(message);
  }

  BadRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
