package dev.lambdaloom.functions.tourist.adapter.http;

/** An event that is not an API Gateway HTTP API (payload 2.0) request. */
final class BadEventException extends RuntimeException {
  BadEventException(String message) {
    super(message, null, false, false);
  }
}
