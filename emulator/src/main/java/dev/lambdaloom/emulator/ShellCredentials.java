package dev.lambdaloom.emulator;

import java.util.Map;

/**
 * The AWS credentials a shell's environment names, in the order the AWS SDKs look for them: access keys in the
 * environment first, else a profile of the shared config files ({@code AWS_PROFILE}, else {@code default}).
 */
public sealed interface ShellCredentials {
  /** {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, with or without {@code AWS_SESSION_TOKEN}. */
  record AccessKeys(String accessKeyId, boolean sessionToken) implements ShellCredentials {}

  /** A named profile of ~/.aws/config and ~/.aws/credentials (or the files AWS_CONFIG_FILE etc. name). */
  record Profile(String name) implements ShellCredentials {}

  static ShellCredentials of(Map<String, String> shellEnvironment) {
    String keyId = shellEnvironment.get("AWS_ACCESS_KEY_ID");
    if (isSet(keyId) && isSet(shellEnvironment.get("AWS_SECRET_ACCESS_KEY"))) {
      return new AccessKeys(keyId, isSet(shellEnvironment.get("AWS_SESSION_TOKEN")));
    }
    String profile = shellEnvironment.get("AWS_PROFILE");
    return new Profile(isSet(profile) ? profile : "default");
  }

  /**
   * Which credentials, in words safe to print: a profile's name, or environment credentials with the last 4
   * characters of the access key id (what the AWS console shows to tell keys apart), never the secret.
   */
  default String describe() {
    return switch (this) {
      case AccessKeys keys -> "environment credentials (access key ..."
          + keys.accessKeyId().substring(Math.max(0, keys.accessKeyId().length() - 4))
          + (keys.sessionToken() ? ", with a session token)" : ")");
      case Profile profile -> "profile " + profile.name();
    };
  }

  private static boolean isSet(String value) {
    return value != null && !value.isEmpty();
  }
}
