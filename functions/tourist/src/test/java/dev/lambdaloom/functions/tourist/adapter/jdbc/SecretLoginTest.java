package dev.lambdaloom.functions.tourist.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.functions.tourist.TestDatabase;
import dev.lambdaloom.functions.tourist.usecase.StoreUnavailableException;
import dev.lambdaloom.services.secretsmanager.SecretsManagerLocal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The login from a Secrets Manager secret, read with the SDK over real HTTP from SecretsManagerLocal, against a real
 * PostgreSQL whose role's password changes as a rotation changes it.
 */
class SecretLoginTest {
  private static SecretsManagerLocal secrets;
  private static SecretsManagerClient client;
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

  @BeforeAll
  static void start() throws Exception {
    secrets = SecretsManagerLocal.start();
    client = SecretsManagerClient.builder().endpointOverride(secrets.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    secrets.close();
  }

  @Test
  void readsTheSecretOnceForEveryConnectionOfTheContainer() throws Exception {
    Role role = Role.create();
    String arn = secret(role.login("{\"username\":\"%s\",\"password\":\"%s\",\"engine\":\"postgres\"}", role.password));
    long before = secrets.calls("GetSecretValue");
    SecretLogin login = new SecretLogin(arn, role.url, reader(), log);

    try (SingleConnection db = new SingleConnection(DatabaseSettings.withDefaults(login));
        Connection admin = TestDatabase.server().connect(role.url)) {
      int first = db.run(true, SecretLoginTest::backendPid);
      assertThat(currentUser(db)).isEqualTo(role.name);
      terminate(admin, first); // the container opens a second connection: the cached login serves it
      db.run(true, SecretLoginTest::backendPid);

      assertThat(db.opened()).isEqualTo(2);
    }
    assertThat(login.reads()).isEqualTo(1);
    assertThat(secrets.calls("GetSecretValue") - before).isEqualTo(1);
  }

  @Test
  void readsARotatedSecretAgainWhenTheDatabaseRefusesTheOldPassword() throws Exception {
    Role role = Role.create();
    String arn = secret(role.login("{\"username\":\"%s\",\"password\":\"%s\"}", role.password));
    SecretLogin login = new SecretLogin(arn, role.url, reader(), log);

    try (SingleConnection db = new SingleConnection(DatabaseSettings.withDefaults(login));
        Connection admin = TestDatabase.server().connect(role.url)) {
      int first = db.run(true, SecretLoginTest::backendPid);
      // A rotation: the role's password changes, the secret gets the new one, the old connection goes away.
      String rotated = "rotated-" + UUID.randomUUID();
      try (Statement s = admin.createStatement()) {
        s.execute("ALTER ROLE " + role.name + " PASSWORD '" + rotated + "'");
      }
      client.putSecretValue(b -> b.secretId(arn)
          .secretString(role.login("{\"username\":\"%s\",\"password\":\"%s\"}", rotated)));
      terminate(admin, first);

      assertThat(currentUser(db)).isEqualTo(role.name); // refused with the cached password, then read again
      assertThat(login.reads()).isEqualTo(2);
    }
  }

  @Test
  void connectsWhereTheSecretSaysWhenDbUrlIsEmpty() throws Exception {
    Role role = Role.create();
    int port = TestDatabase.server().port();
    String database = role.url.substring(role.url.lastIndexOf('/') + 1);
    String arn = secret(role.login("{\"username\":\"%s\",\"password\":\"%s\",\"host\":\"127.0.0.1\",\"port\":" + port
        + ",\"dbname\":\"" + database + "\"}", role.password));

    try (SingleConnection db = new SingleConnection(
        DatabaseSettings.withDefaults(new SecretLogin(arn, null, reader(), log)))) {
      assertThat(currentUser(db)).isEqualTo(role.name);
    }
  }

  @Test
  void failsNamingTheSecretWhenItsValueIsNotALogin() throws Exception {
    String arn = secret("{\"username\": \"app\", \"password\": ");
    String noPassword = secret("{\"username\": \"app\"}");

    assertThatThrownBy(() -> new SecretLogin(arn, "jdbc:postgresql://127.0.0.1/x", reader(), log).current())
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining(arn).hasMessageContaining("not valid JSON")
        .hasCauseInstanceOf(InvalidSecretException.class);
    assertThatThrownBy(() -> new SecretLogin(noPassword, "jdbc:postgresql://127.0.0.1/x", reader(), log).current())
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("has no password").hasMessageContaining("\"username\"");
  }

  @Test
  void failsNamingTheSecretWhenItDoesNotExist() {
    String arn = "arn:aws:secretsmanager:us-east-1:000000000000:secret:missing-AbCdEf";

    assertThatThrownBy(() -> new SecretLogin(arn, "jdbc:postgresql://127.0.0.1/x", reader(), log).current())
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("cannot read the database secret " + arn)
        .hasMessageContaining("can't find the specified secret");
  }

  private SecretReader reader() {
    return new SecretsManagerSecretReader(client);
  }

  private static String secret(String value) {
    return client.createSecret(b -> b.name("db-" + UUID.randomUUID()).secretString(value)).arn();
  }

  private static String currentUser(SingleConnection db) throws Exception {
    return db.run(true, c -> {
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT current_user")) {
        r.next();
        return r.getString(1);
      }
    });
  }

  private static void terminate(Connection admin, int pid) throws Exception {
    try (Statement s = admin.createStatement()) {
      s.execute("SELECT pg_terminate_backend(" + pid + ")");
    }
  }

  private static int backendPid(Connection c) throws java.sql.SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
      r.next();
      return r.getInt(1);
    }
  }

  /** A login role of its own on a fresh database of the test server, as an application's RDS user. */
  private record Role(String name, String password, String url) {
    static Role create() throws Exception {
      String url = TestDatabase.freshDatabase();
      String name = "app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      String password = "initial-" + UUID.randomUUID();
      try (Connection admin = TestDatabase.server().connect(url); Statement s = admin.createStatement()) {
        s.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
      }
      return new Role(name, password, url);
    }

    String login(String format, String withPassword) {
      return format.formatted(name, withPassword);
    }
  }
}
