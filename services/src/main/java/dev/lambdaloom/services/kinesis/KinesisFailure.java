package dev.lambdaloom.services.kinesis;

import java.io.Serial;

/** A request Kinesis would refuse, with the error code and message it is answered with. */
final class KinesisFailure extends Exception {
  @Serial
  private static final long serialVersionUID = 1L;

  private final KinesisError error;

  KinesisFailure(KinesisError error, String message) {
    super(message);
    this.error = error;
  }

  KinesisFailure(KinesisError error, String message, Throwable cause) {
    super(message, cause);
    this.error = error;
  }

  KinesisError error() {
    return error;
  }

  static KinesisFailure streamNotFound(String stream, String account) {
    return new KinesisFailure(KinesisError.RESOURCE_NOT_FOUND,
        "Stream " + stream + " under account " + account + " not found.");
  }

  /** AWS's wording for a field that breaks its model's constraint. */
  static KinesisFailure invalidField(Object value, String field, String constraint) {
    return new KinesisFailure(KinesisError.VALIDATION, "1 validation error detected: Value '" + value + "' at '"
        + field + "' failed to satisfy constraint: " + constraint);
  }
}
