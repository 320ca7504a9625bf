package dev.lambdaloom.functions.tourist.adapter.jdbc;

/** A secret whose value is not a database login: its message names what is wrong, never the value. */
public final class InvalidSecretException extends RuntimeException {
  public InvalidSecretException(String message) {
    super(message);
  }

  public InvalidSecretException(String message, Throwable cause) {
    super(message, cause);
  }
}
