package dev.lambdaloom.functions.tourist.usecase;

/** The store cannot be reached now; trying again later may work. */
public final class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
