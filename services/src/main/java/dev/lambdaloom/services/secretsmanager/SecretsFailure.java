package dev.lambdaloom.services.secretsmanager;

/** A request Secrets Manager would refuse, with the error it would refuse it with. */
final class SecretsFailure extends Exception {
  private final SecretsError error;

  SecretsFailure(SecretsError error, String message) {
    super(message);
    this.error = error;
  }

  SecretsError error() {
    return error;
  }
}
