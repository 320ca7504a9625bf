package dev.lambdaloom.functions.readings;

/**
 * A Kinesis record that is not a reading this function can apply (no partition key, a document the reading parser
 * rejects): the record fails alone, logged with this message, and the rest of the batch goes on.
 */
final class MalformedReadingException extends Exception {
  MalformedReadingException(String message) {
    super(message);
  }
}
