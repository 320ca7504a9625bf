package dev.lambdaloom.functions.tourist.adapter.jdbc;

/** Reads a secret's current string value. */
@FunctionalInterface
public interface SecretReader {
  /**
   * @param secretId the secret's ARN
   * @throws RuntimeException (the SDK's) when it cannot be read: not found, access denied, unreachable
   */
  String read(String secretId);
}
