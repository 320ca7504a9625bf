package dev.lambdaloom.functions.tourist.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.functions.tourist.TestDatabase;
import dev.lambdaloom.functions.tourist.domain.TouristDetails;
import dev.lambdaloom.functions.tourist.usecase.StoreUnavailableException;
import dev.lambdaloom.services.postgres.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container's one connection: reused, re-opened when the server dropped it, 503-able when the server is gone. */
class SingleConnectionTest {
  @TempDir Path dir;

  @Test
  void reusesOneConnectionAcrossCalls() throws Exception {
    String url = TestDatabase.freshDatabase();
    try (SingleConnection db = new SingleConnection(TestDatabase.settings(url))) {
      assertThat(db.tryOpen()).isTrue();
      int first = db.run(true, SingleConnectionTest::backendPid);
      for (int i = 0; i < 5; i++) {
        assertThat(db.run(true, SingleConnectionTest::backendPid)).isEqualTo(first);
      }
      assertThat(db.opened()).isEqualTo(1);
    }
  }

  @Test
  void reopensWhenTheServerClosedTheConnection() throws Exception {
    String url = TestDatabase.freshDatabase();
    try (SingleConnection db = new SingleConnection(TestDatabase.settings(url));
        Connection admin = TestDatabase.server().connect(url)) {
      int before = db.run(true, SingleConnectionTest::backendPid);
      try (Statement s = admin.createStatement()) {
        s.execute("SELECT pg_terminate_backend(" + before + ")");
      }

      int after = db.run(true, SingleConnectionTest::backendPid); // a read: retried once on a new connection

      assertThat(after).isNotEqualTo(before);
      assertThat(db.opened()).isEqualTo(2);
    }
  }

  @Test
  void checksAConnectionThatSatIdleBeforeUsingIt() throws Exception {
    String url = TestDatabase.freshDatabase();
    DatabaseSettings given = TestDatabase.settings(url);
    DatabaseSettings eager = new DatabaseSettings(given.login(), Duration.ofSeconds(2),
        Duration.ofSeconds(10), Duration.ZERO); // every use counts as after an idle spell
    try (SingleConnection db = new SingleConnection(eager); Connection admin = TestDatabase.server().connect(url)) {
      int before = db.run(true, SingleConnectionTest::backendPid);
      try (Statement s = admin.createStatement()) {
        s.execute("SELECT pg_terminate_backend(" + before + ")");
      }
      // Not retryable, yet it works: the idle check found the connection dead before the work ran.
      assertThat(db.run(false, SingleConnectionTest::backendPid)).isNotEqualTo(before);
    }
  }

  @Test
  void aDownServerIsUnavailableThenServesAgainWhenBack() throws Exception {
    try (PostgresServer own = PostgresServer.start(dir.resolve("data"), 0, true)) {
      try (Connection c = own.connect()) {
        dev.lambdaloom.services.postgres.Migrator.of(TestDatabase.MIGRATIONS).migrate(c);
      }
      try (SingleConnection db = new SingleConnection(DatabaseSettings.of(own.jdbcUrl(), own.user(), own.password()))) {
        JdbcTouristRepository repository = new JdbcTouristRepository(db);
        UUID id = UUID.randomUUID();
        repository.insert(id, TouristDetails.of("Ada", "ada@example.com", "GB", null));

        own.stop();
        assertThatThrownBy(() -> repository.find(id)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> repository.find(id)).isInstanceOf(StoreUnavailableException.class);

        own.resume(); // back with the same password, as after an outage
        assertThat(repository.find(id)).isPresent();
      }
    }
  }

  private static int backendPid(Connection c) throws java.sql.SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
      r.next();
      return r.getInt(1);
    }
  }
}
