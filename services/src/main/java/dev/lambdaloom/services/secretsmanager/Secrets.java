package dev.lambdaloom.services.secretsmanager;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The secrets SecretsManagerLocal holds, by name; found by name or by ARN, as Secrets Manager finds them. */
final class Secrets {
  private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final String region;
  private final String accountId;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, StoredSecret> byName = new LinkedHashMap<>();

  Secrets(String region, String accountId, Clock clock) {
    this.region = region;
    this.accountId = accountId;
    this.clock = clock;
  }

  synchronized StoredSecret create(String name, String value, String versionId) throws SecretsFailure {
    if (byName.containsKey(name)) {
      throw new SecretsFailure(SecretsError.RESOURCE_EXISTS,
          "The operation failed because the secret " + name + " already exists.");
    }
    String arn = "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:" + name + "-" + suffix();
    StoredSecret secret = new StoredSecret(name, arn, clock.instant(), null, null, null);
    if (value != null) {
      secret = secret.withValue(versionId(versionId), value, clock.instant());
    }
    byName.put(name, secret);
    return secret;
  }

  synchronized StoredSecret put(String secretId, String value, String versionId) throws SecretsFailure {
    StoredSecret updated = find(secretId).withValue(versionId(versionId), value, clock.instant());
    byName.put(updated.name(), updated);
    return updated;
  }

  synchronized StoredSecret current(String secretId) throws SecretsFailure {
    StoredSecret secret = find(secretId);
    if (!secret.hasValue()) {
      throw new SecretsFailure(SecretsError.RESOURCE_NOT_FOUND,
          "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
    }
    return secret;
  }

  private StoredSecret find(String secretId) throws SecretsFailure {
    Optional<StoredSecret> found = Optional.ofNullable(byName.get(secretId));
    if (found.isEmpty()) {
      found = byName.values().stream().filter(s -> s.arn().equals(secretId)).findFirst();
    }
    return found.orElseThrow(() -> new SecretsFailure(SecretsError.RESOURCE_NOT_FOUND,
        "Secrets Manager can't find the specified secret."));
  }

  private String suffix() {
    StringBuilder out = new StringBuilder(6);
    for (int i = 0; i < 6; i++) {
      out.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
    }
    return out.toString();
  }

  /** The client's ClientRequestToken when it gave one (the SDK always does), else a new one. */
  private static String versionId(String requested) {
    return requested == null || requested.isBlank() ? UUID.randomUUID().toString() : requested;
  }
}
