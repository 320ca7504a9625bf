package dev.lambdaloom.services.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PostgreSQL: started as root through a user namespace, stopped and started with its data, and
 * reachable only with the password of its current start.
 */
class PostgresServerTest {
  private static PostgresServer postgres;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    postgres = PostgresServer.startTemporary();
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  @Test
  void migratesOnceInOrderAndRefusesEditedMigrations() throws Exception {
    Files.writeString(dir.resolve("V2__add_things.sql"), "INSERT INTO things VALUES (2);");
    Files.writeString(dir.resolve("V1__create_things.sql"), "CREATE TABLE things (n int); INSERT INTO things VALUES (1);");
    Files.writeString(dir.resolve("README.md"), "not a migration");
    Migrator migrator = Migrator.of(dir);

    try (Connection c = postgres.connect(postgres.createDatabase("migrates_once"))) {
      assertThat(migrator.migrate(c)).extracting(Migrator.Migration::version).containsExactly(1, 2);
      assertThat(migrator.migrate(c)).isEmpty();
      assertThat(count(c, "SELECT count(*) FROM things")).isEqualTo(2);
      assertThat(count(c, "SELECT count(*) FROM schema_migrations")).isEqualTo(2);

      Files.writeString(dir.resolve("V1__create_things.sql"), "CREATE TABLE things (n bigint);");
      assertThatThrownBy(() -> Migrator.of(dir).migrate(c)).hasMessageContaining("changed after it was applied");
    }
  }

  @Test
  void aFailingMigrationLeavesNothingBehind() throws Exception {
    Files.writeString(dir.resolve("V1__ok.sql"), "CREATE TABLE half_done (n int);");
    Files.writeString(dir.resolve("V2__broken.sql"), "CREATE TABLE oops (;");
    try (Connection c = postgres.connect(postgres.createDatabase("fails_whole"))) {
      assertThatThrownBy(() -> Migrator.of(dir).migrate(c)).isInstanceOf(SQLException.class)
          .hasMessageContaining("V2__broken.sql");
      assertThat(count(c, "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'")).isZero();
    }
  }

  @Test
  void stopsAndStartsAgainOnTheSamePortWithTheSameData() throws Exception {
    try (PostgresServer own = PostgresServer.start(dir.resolve("data"), 0, true)) {
      try (Connection c = own.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)");
      }
      int port = own.port();
      own.stop();
      assertThat(own.running()).isFalse();
      assertThatThrownBy(own::connect).isInstanceOf(SQLException.class);

      own.start();
      assertThat(own.port()).isEqualTo(port);
      try (Connection c = own.connect()) {
        assertThat(count(c, "SELECT n FROM kept")).isEqualTo(42);
      }
    }
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aWrongOrMissingPasswordIsRefusedAndTheRightOneLogsInWithScram() throws Exception {
    assertThat(loginFailure(postgres, "wrong")).isEqualTo("28P01"); // invalid_password
    assertThat(loginFailure(postgres, "")).isNotNull();
    assertThat(loginFailure(postgres, null)).isNotNull();

    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
      assertThat(text(c, "SELECT system_user")).isEqualTo("scram-sha-256:postgres");
      assertThat(text(c, "SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'"))
          .startsWith("SCRAM-SHA-256$").doesNotContain(postgres.password());
    }
  }

  @Test
  void listensOnLoopbackOnlyWithItsSocketInAFolderOnlyItsUserCanEnter() throws Exception {
    try (Connection c = postgres.connect()) {
      assertThat(text(c, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
      Path sockets = Path.of(text(c, "SHOW unix_socket_directories"));
      assertThat(sockets).isNotEqualTo(Path.of("/tmp")).isDirectory();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sockets))).isEqualTo("rwx------");
      assertThat(count(c, "SELECT count(*) FROM pg_hba_file_rules WHERE type LIKE 'host%' AND auth_method <> 'scram-sha-256'"))
          .isZero();
    }
  }

  @Test
  void everyStartHasItsOwnPasswordAndTheOldOneStopsWorking() throws Exception {
    try (PostgresServer own = PostgresServer.start(dir.resolve("data"), 0, true)) {
      String first = own.password();
      assertThat(first).isNotEqualTo(postgres.password()).hasSizeGreaterThanOrEqualTo(32);

      own.stop();
      own.start();

      assertThat(own.password()).isNotEqualTo(first);
      assertThat(loginFailure(own, first)).isEqualTo("28P01");
      try (Connection c = own.connect()) {
        assertThat(count(c, "SELECT 1")).isEqualTo(1);
      }
    }
  }

  @Test
  void resumeKeepsThePasswordAsADatabaseBackFromAnOutageDoes() throws Exception {
    try (PostgresServer own = PostgresServer.start(dir.resolve("data"), 0, true)) {
      String password = own.password();
      own.stop();
      own.resume();
      assertThat(own.password()).isEqualTo(password);
      try (Connection c = DriverManager.getConnection(own.jdbcUrl(), own.user(), password)) {
        assertThat(count(c, "SELECT 1")).isEqualTo(1);
      }
    }
  }

  @Test
  void aKeptDataFolderGetsANewPasswordAndKeepsItsDataEvenIfItsRulesTrustedEveryone() throws Exception {
    Path data = dir.resolve("kept");
    String first;
    try (PostgresServer before = PostgresServer.start(data, 0, false)) {
      first = before.password();
      try (Connection c = before.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)");
      }
    }
    // What initdb writes, and what a data folder from before passwords has: trust on 127.0.0.1.
    Files.writeString(data.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\nlocal all all trust\n");

    try (PostgresServer after = PostgresServer.start(data, 0, true)) {
      assertThat(after.password()).isNotEqualTo(first);
      assertThat(loginFailure(after, first)).isEqualTo("28P01");
      assertThat(loginFailure(after, "anything")).isEqualTo("28P01");
      try (Connection c = after.connect()) {
        assertThat(count(c, "SELECT n FROM kept")).isEqualTo(7);
      }
    }
    assertThat(data).doesNotExist();
  }

  /** The SQL state of a refused login, null when it worked. */
  private static String loginFailure(PostgresServer server, String password) {
    Properties credentials = new Properties();
    credentials.setProperty("user", server.user());
    if (password != null) {
      credentials.setProperty("password", password);
    }
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), credentials)) {
      return null;
    } catch (SQLException e) {
      return e.getSQLState() == null ? "refused: " + e.getMessage() : e.getSQLState();
    }
  }

  private static String text(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
