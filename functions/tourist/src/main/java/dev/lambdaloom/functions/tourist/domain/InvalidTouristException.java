package dev.lambdaloom.functions.tourist.domain;

import java.util.List;

/** A request that breaks the tourist's rules; carries every field error, not just the first. */
public final class InvalidTouristException extends RuntimeException {
  private final List<FieldError> errors;

  public InvalidTouristException(List<FieldError> errors) {
    super(errors.size() == 1 ? errors.getFirst().field() + ": " + errors.getFirst().message()
        : errors.size() + " invalid fields", null, false, false);
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
