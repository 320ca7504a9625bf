package dev.lambdaloom.functions.tourist.adapter.http;

/** A body that is not the JSON document the route takes. */
final class MalformedJsonException extends RuntimeException {
  MalformedJsonException(String message) {
    super(message, null, false, false);
  }
}
