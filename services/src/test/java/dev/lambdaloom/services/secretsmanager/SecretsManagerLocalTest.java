package dev.lambdaloom.services.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** SecretsManagerLocal through AWS's own client over real HTTP: what the SDK sends and parses. */
class SecretsManagerLocalTest {
  private static SecretsManagerLocal server;
  private static SecretsManagerClient client;

  @BeforeAll
  static void start() throws Exception {
    server = SecretsManagerLocal.start();
    client = SecretsManagerClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void returnsTheCurrentValueByNameOrArn() {
    CreateSecretResponse created = create("by-name-or-arn", "{\"username\":\"u\"}");

    GetSecretValueResponse byName = client.getSecretValue(b -> b.secretId("by-name-or-arn"));
    GetSecretValueResponse byArn = client.getSecretValue(b -> b.secretId(created.arn()));

    assertThat(created.arn()).matches("arn:aws:secretsmanager:us-east-1:000000000000:secret:by-name-or-arn-[A-Za-z0-9]{6}");
    assertThat(byName.secretString()).isEqualTo("{\"username\":\"u\"}");
    assertThat(byName.arn()).isEqualTo(created.arn());
    assertThat(byName.versionStages()).containsExactly("AWSCURRENT");
    assertThat(byName.createdDate()).isNotNull();
    assertThat(byArn.versionId()).isEqualTo(byName.versionId());
  }

  @Test
  void returnsTheNewValueAfterPutSecretValue() {
    create("rotated", "old");
    String before = client.getSecretValue(b -> b.secretId("rotated")).versionId();

    String version = client.putSecretValue(b -> b.secretId("rotated").secretString("new")).versionId();

    GetSecretValueResponse after = client.getSecretValue(b -> b.secretId("rotated"));
    assertThat(after.secretString()).isEqualTo("new");
    assertThat(after.versionId()).isEqualTo(version).isNotEqualTo(before);
  }

  @Test
  void answersResourceNotFoundForAnUnknownSecret() {
    assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId("nobody")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("can't find the specified secret");
    assertThatThrownBy(() -> client.putSecretValue(b -> b.secretId("nobody").secretString("x")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void answersResourceNotFoundForASecretWithoutValue() {
    client.createSecret(b -> b.name("empty"));

    assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId("empty")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("AWSCURRENT");
  }

  @Test
  void refusesASecondSecretOfTheSameName() {
    create("twice", "a");

    assertThatThrownBy(() -> create("twice", "b")).isInstanceOf(ResourceExistsException.class);
  }

  @Test
  void refusesAPutWithoutValue() {
    create("no-value", "a");

    assertThatThrownBy(() -> client.putSecretValue(b -> b.secretId("no-value")))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void countsCallsPerOperation() {
    create("counted", "a");
    long before = server.calls("GetSecretValue");

    client.getSecretValue(b -> b.secretId("counted"));
    client.getSecretValue(b -> b.secretId("counted"));

    assertThat(server.calls("GetSecretValue")).isEqualTo(before + 2);
  }

  private static CreateSecretResponse create(String name, String value) {
    return client.createSecret(b -> b.name(name).secretString(value));
  }
}
