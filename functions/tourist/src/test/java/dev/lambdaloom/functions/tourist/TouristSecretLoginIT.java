package dev.lambdaloom.functions.tourist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.apigateway.ApiGatewayServer;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.template.TemplateOverrides;
import dev.lambdaloom.functions.tourist.adapter.jdbc.DatabaseSettings;
import dev.lambdaloom.services.postgres.Migrator;
import dev.lambdaloom.services.postgres.PostgresServer;
import dev.lambdaloom.services.secretsmanager.SecretsManagerLocal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
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
  private static final String FUNCTION = "TouristFunction";
  private static final Path TEMPLATE = Path.of("../../template.yaml").toAbsolutePath().normalize();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private static PostgresServer postgres;
  private static SecretsManagerLocal secrets;
  private static Emulator emulator;
  private static ApiGatewayServer gateway;

  @BeforeAll
  static void start() throws Exception {
    assertThat(Path.of("target/tourist.zip")).as("the zip, built by package").isRegularFile();
    postgres = PostgresServer.start(Files.createTempDirectory("tourist-secret-it-"), 0, true);
    try (Connection c = postgres.connect()) {
      Migrator.of(TestDatabase.MIGRATIONS).migrate(c);
    }
    secrets = SecretsManagerLocal.start();
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
    SamTemplate template = SamTemplate.load(TEMPLATE, TemplateOverrides.none().withEnvironment(FUNCTION, environment));
    emulator = Emulator.start(template, EmulatorSettings.defaults(), LogSink.printTo(System.out, true));
    gateway = ApiGatewayServer.start(emulator, 0);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (emulator != null) {
      emulator.close();
    }
    if (secrets != null) {
      secrets.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.endpoint() + path)).timeout(Duration.ofSeconds(30))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theZipLogsInWithTheSecretAndReadsItOncePerContainer() throws Exception {
    HttpResponse<String> first = get("/tourists?limit=5");
    HttpResponse<String> second = get("/tourists?limit=5");

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    assertThat(secrets.calls("GetSecretValue")).isEqualTo(1);
  }
}
