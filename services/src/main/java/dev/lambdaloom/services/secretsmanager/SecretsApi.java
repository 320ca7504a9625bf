package dev.lambdaloom.services.secretsmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Secrets Manager operations SecretsManagerLocal serves (CreateSecret, PutSecretValue, GetSecretValue), with the
 * fields Secrets Manager answers them with. String secrets only: SecretBinary is refused with InvalidRequestException.
 */
final class SecretsApi {
  static final String TARGET_PREFIX = "secretsmanager.";

  private final Secrets secrets;
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

  SecretsApi(Secrets secrets) {
    this.secrets = secrets;
  }

  ObjectNode answer(String operation, JsonNode request) throws SecretsFailure {
    calls.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
    return switch (operation) {
      case "CreateSecret" -> {
        StoredSecret secret = secrets.create(text(request, "Name", true), value(request, false),
            text(request, "ClientRequestToken", false));
        ObjectNode out = identity(secret);
        if (secret.hasValue()) {
          out.put("VersionId", secret.versionId());
        }
        yield out;
      }
      case "PutSecretValue" -> {
        StoredSecret secret = secrets.put(text(request, "SecretId", true), value(request, true),
            text(request, "ClientRequestToken", false));
        ObjectNode out = identity(secret);
        out.put("VersionId", secret.versionId());
        out.putArray("VersionStages").add("AWSCURRENT");
        yield out;
      }
      case "GetSecretValue" -> {
        if (request.hasNonNull("VersionId") || request.hasNonNull("VersionStage")) {
          String stage = text(request, "VersionStage", false);
          if (request.hasNonNull("VersionId") || !"AWSCURRENT".equals(stage)) {
            throw new SecretsFailure(SecretsError.INVALID_PARAMETER,
                "SecretsManagerLocal keeps the current version only: ask without VersionId and VersionStage");
          }
        }
        StoredSecret secret = secrets.current(text(request, "SecretId", true));
        ObjectNode out = identity(secret);
        out.put("VersionId", secret.versionId());
        out.put("SecretString", secret.secretString());
        out.putArray("VersionStages").add("AWSCURRENT");
        out.put("CreatedDate", epochSeconds(secret.versionCreated()));
        yield out;
      }
      default -> throw new SecretsFailure(SecretsError.UNKNOWN_OPERATION,
          "SecretsManagerLocal serves CreateSecret, PutSecretValue and GetSecretValue, not " + operation);
    };
  }

  /** How many requests of {@code operation} it has answered or refused. */
  long calls(String operation) {
    AtomicLong count = calls.get(operation);
    return count == null ? 0 : count.get();
  }

  private static ObjectNode identity(StoredSecret secret) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("ARN", secret.arn());
    out.put("Name", secret.name());
    return out;
  }

  private static String value(JsonNode request, boolean required) throws SecretsFailure {
    if (request.hasNonNull("SecretBinary")) {
      throw new SecretsFailure(SecretsError.INVALID_REQUEST,
          "SecretsManagerLocal stores SecretString values only, not SecretBinary");
    }
    String value = text(request, "SecretString", false);
    if (value == null && required) {
      throw new SecretsFailure(SecretsError.INVALID_REQUEST, "You must provide either SecretString or SecretBinary.");
    }
    return value;
  }

  private static String text(JsonNode request, String field, boolean required) throws SecretsFailure {
    JsonNode node = request.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw new SecretsFailure(SecretsError.INVALID_PARAMETER, field + " is required");
      }
      return null;
    }
    if (!node.isTextual() || (required && node.asText().isEmpty())) {
      throw new SecretsFailure(SecretsError.INVALID_PARAMETER, field + " must be a non-empty string, not " + node);
    }
    return node.asText();
  }

  private static double epochSeconds(Instant at) {
    return at.getEpochSecond() + at.getNano() / 1e9;
  }
}
