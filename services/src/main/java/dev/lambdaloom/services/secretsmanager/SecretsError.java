package dev.lambdaloom.services.secretsmanager;

/**
 * The error codes SecretsManagerLocal answers with, each with the HTTP status Secrets Manager gives it. The SDKs map the
 * code (the body's {@code __type} and the {@code x-amzn-ErrorType} header) to their exception classes.
 */
enum SecretsError {
  /** No secret by that name or ARN, or none with a current value. */
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
  /** CreateSecret of a name that exists. */
  RESOURCE_EXISTS("ResourceExistsException", 400),
  /** A field missing, of the wrong type, or off its pattern. */
  INVALID_PARAMETER("InvalidParameterException", 400),
  /** A request that cannot apply: both SecretString and SecretBinary, or neither where one is needed. */
  INVALID_REQUEST("InvalidRequestException", 400),
  /** A body that is not a JSON object. */
  SERIALIZATION("SerializationException", 400),
  /** An X-Amz-Target that is not an operation SecretsManagerLocal serves. */
  UNKNOWN_OPERATION("UnknownOperationException", 400),
  /** A request the loopback guard refused. */
  ACCESS_DENIED("AccessDeniedException", 403),
  /** SecretsManagerLocal itself failed; logged with its stack trace. */
  INTERNAL_FAILURE("InternalServiceError", 500);

  private final String code;
  private final int status;

  SecretsError(String code, int status) {
    this.code = code;
    this.status = status;
  }

  String code() {
    return code;
  }

  int status() {
    return status;
  }
}
