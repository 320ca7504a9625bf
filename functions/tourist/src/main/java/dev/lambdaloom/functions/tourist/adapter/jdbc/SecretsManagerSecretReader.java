package dev.lambdaloom.functions.tourist.adapter.jdbc;

import dev.lambdaloom.snapstart.RestorableCredentials;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads secrets with the SDK's Secrets Manager client, built as the other functions build theirs for fast cold
 * starts: the JDK's URL connection client, region and credentials from what Lambda sets, no provider chain search.
 * Credentials come from the environment, or from the container endpoint where Lambda gives them that way instead
 * (SnapStart functions get no key variables), through the functions' shared RestorableCredentials. The SDK reads {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} by itself: how
 * the emulator points the function at a local Secrets Manager.
 */
public final class SecretsManagerSecretReader implements SecretReader {
  /** One GetSecretValue with its retries: the request waits on it. */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

  private final SecretsManagerClient client;

  public SecretsManagerSecretReader(SecretsManagerClient client) {
    this.client = client;
  }

  /** The container's reader: made only when DB_SECRET_ARN is set, so local runs load none of the SDK. */
  public static SecretReader fromEnvironment(Map<String, String> environment) {
    return new SecretsManagerSecretReader(SecretsManagerClient.builder()
        .region(Region.of(environment.getOrDefault("AWS_REGION", "us-east-1")))
        .credentialsProvider(RestorableCredentials.from(() -> environment))
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(1))
            .socketTimeout(Duration.ofSeconds(2))
            .build())
        .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT))
        .build());
  }

  @Override
  public String read(String secretId) {
    String value = client.getSecretValue(b -> b.secretId(secretId)).secretString();
    if (value == null) {
      throw new InvalidSecretException("the database secret " + secretId + " holds a binary value: store the login"
          + " as a SecretString");
    }
    return value;
  }
}
