package dev.lambdaloom.functions.tourist.adapter.http;

import dev.lambdaloom.functions.tourist.domain.FieldError;
import java.util.List;

/** Query parameters the API cannot take; carries an error for each, not just the first. */
final class InvalidQueryException extends RuntimeException {
  private final List<FieldError> errors;

  InvalidQueryException(List<FieldError> errors) {
    super(errors.size() + " invalid query parameters", null, false, false);
    this.errors = List.copyOf(errors);
  }

  List<FieldError> errors() {
    return errors;
  }
}
