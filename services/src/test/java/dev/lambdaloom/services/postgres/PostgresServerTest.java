package dev.lambdaloom.services.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real PostgreSQL: started as root through a user namespace, stopped and started with its data. */
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

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
