package dev.lambdaloom.functions.tourist.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which login the environment asks for, and the combinations refused at init. */
class DatabaseSettingsTest {
  private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tourist-db-AbCdEf";
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void usesTheGivenLoginWithoutSecret() {
    DatabaseSettings settings = fromEnvironment(Map.of("DB_URL", "jdbc:postgresql://db/x", "DB_USER", "u",
        "DB_PASSWORD", "p", "DB_SECRET_ARN", ""));

    assertThat(settings.login()).isEqualTo(new FixedLogin(new DatabaseLogin("jdbc:postgresql://db/x", "u", "p")));
  }

  @Test
  void usesTheSecretWhenUserAndPasswordAreEmpty() {
    DatabaseSettings settings = fromEnvironment(Map.of("DB_URL", "", "DB_USER", "", "DB_PASSWORD", "",
        "DB_SECRET_ARN", ARN));

    assertThat(settings.login()).isInstanceOf(SecretLogin.class);
  }

  @Test
  void refusesASecretBesideAnExplicitUserOrPassword() {
    assertThatThrownBy(() -> fromEnvironment(Map.of("DB_URL", "jdbc:postgresql://db/x", "DB_USER", "postgres",
        "DB_SECRET_ARN", ARN)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DB_SECRET_ARN is set and so is DB_USER").hasMessageContaining("empty");
    assertThatThrownBy(() -> fromEnvironment(Map.of("DB_PASSWORD", "p", "DB_SECRET_ARN", ARN)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DB_SECRET_ARN is set and so is DB_PASSWORD");
  }

  @Test
  void refusesASecretArnThatIsNotOne() {
    assertThatThrownBy(() -> fromEnvironment(Map.of("DB_SECRET_ARN", "tourist-db")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("must be a secret's ARN").hasMessageContaining("'tourist-db'");
  }

  @Test
  void refusesNoUrlAndNoSecret() {
    assertThatThrownBy(() -> fromEnvironment(Map.of("DB_USER", "u")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DB_URL is not set");
  }

  private static DatabaseSettings fromEnvironment(Map<String, String> environment) {
    return DatabaseSettings.fromEnvironment(environment, env -> id -> {
      throw new AssertionError("read nothing at init");
    }, QUIET);
  }
}
