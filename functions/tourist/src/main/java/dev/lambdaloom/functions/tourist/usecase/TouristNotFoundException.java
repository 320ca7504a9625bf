package dev.lambdaloom.functions.tourist.usecase;

import java.util.UUID;

/** No tourist has this id (never had, or deleted). */
public final class TouristNotFoundException extends RuntimeException {
  public TouristNotFoundException(UUID id) {
    super("no tourist " + id, null, false, false); // expected outcomes: no stack trace to fill
  }
}
