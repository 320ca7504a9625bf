package dev.lambdaloom.functions.tourist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.functions.tourist.adapter.jdbc.DatabaseSettings;
import dev.lambdaloom.services.secretsmanager.SecretsManagerLocal;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The packaged tourist.zip (its AWS SDK shrunk to what it reaches) logging in as it does on AWS: from a Secrets
 * Manager secret (SecretsManagerLocal, over real HTTP), with DB_USER and DB_PASSWORD empty as the template sets them
 * there, against a real PostgreSQL; the secret is read once for the container's requests.
 */
class TouristSecretLoginIT {
  private static SecretsManagerLocal secrets;
  private static DeployedTourist tourist;

  @BeforeAll
  static void start() throws Exception {
    secrets = SecretsManagerLocal.start();
    tourist = DeployedTourist.start("tourist-secret-it", postgres -> {
      String arn;
      try (SecretsManagerClient client = SecretsManagerClient.builder().endpointOverride(secrets.endpoint())
          .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
        String login = new ObjectMapper().writeValueAsString(Map.of("username", postgres.user(),
            "password", postgres.password(), "engine", "postgres"));
        arn = client.createSecret(b -> b.name("tourist-db").secretString(login)).arn();
      }
      Map<String, String> environment = new LinkedHashMap<>();
      environment.put(DatabaseSettings.URL_VARIABLE, postgres.jdbcUrl());
      environment.put(DatabaseSettings.USER_VARIABLE, "");
      environment.put(DatabaseSettings.PASSWORD_VARIABLE, "");
      environment.put(DatabaseSettings.SECRET_ARN_VARIABLE, arn);
      environment.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
      return environment;
    }, LogSink.printTo(System.out, true));
  }

  @AfterAll
  static void stop() {
    if (tourist != null) {
      tourist.close();
    }
    if (secrets != null) {
      secrets.close();
    }
  }

  @Test
  void theZipLogsInWithTheSecretAndReadsItOncePerContainer() throws Exception {
    HttpResponse<String> first = tourist.send("GET", "/tourists?limit=5", null);
    HttpResponse<String> second = tourist.send("GET", "/tourists?limit=5", null);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    assertThat(secrets.calls("GetSecretValue")).isEqualTo(1);
  }
}
