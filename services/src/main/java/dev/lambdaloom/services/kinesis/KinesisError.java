package dev.lambdaloom.services.kinesis;

/**
 * The error codes KinesisLocal answers with, each with the HTTP status Kinesis gives it. The SDKs map the code (the
 * {@code __type} field and the {@code x-amzn-ErrorType} header) to their exception classes, so the names are AWS's.
 */
enum KinesisError {
  /** The stream or shard does not exist (or no longer does). */
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
  /** CreateStream of a name that exists. */
  RESOURCE_IN_USE("ResourceInUseException", 400),
  /** A well-formed value that does not make sense here: an iterator of another shard, a sequence number never given. */
  INVALID_ARGUMENT("InvalidArgumentException", 400),
  /** A shard iterator older than five minutes. */
  EXPIRED_ITERATOR("ExpiredIteratorException", 400),
  /** Past a limit: the shard limit, or KinesisLocal's retention bound. */
  LIMIT_EXCEEDED("LimitExceededException", 400),
  /** A field missing, of the wrong type, too long, too short or off its pattern. */
  VALIDATION("ValidationException", 400),
  /** A body that is not JSON or CBOR, or not the content type it says. */
  SERIALIZATION("SerializationException", 400),
  /** An X-Amz-Target that is not a Kinesis operation KinesisLocal serves. */
  UNKNOWN_OPERATION("UnknownOperationException", 400),
  /** A request the loopback guard refused. */
  ACCESS_DENIED("AccessDeniedException", 403),
  /** A request body over KinesisLocal's size cap. */
  REQUEST_TOO_LARGE("SerializationException", 413),
  /** KinesisLocal itself failed; logged with its stack trace. */
  INTERNAL_FAILURE("InternalFailure", 500);

  private final String code;
  private final int status;

  KinesisError(String code, int status) {
    this.code = code;
    this.status = status;
  }

  /** The {@code __type} clients see, e.g. ResourceNotFoundException. */
  String code() {
    return code;
  }

  int status() {
    return status;
  }
}
