package dev.lambdaloom.functions.tourist.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.functions.tourist.TestDatabase;
import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Init opens the connection on a thread of its own: the caller gets the open connection, or why there is none. */
class ConnectionOpeningTest {

  @Test
  void theConnectionOpenedInTheBackgroundIsTheOneTheCallerThenUses() throws Exception {
    String url = TestDatabase.freshDatabase();
    try (SingleConnection db = new SingleConnection(TestDatabase.settings(url))) {
      ConnectionOpening opening = db.openInBackground();

      assertThat(opening.await()).isTrue();
      int pid = db.run(true, ConnectionOpeningTest::backendPid);

      assertThat(pid).isPositive();
      assertThat(db.opened()).isEqualTo(1);
    }
  }

  @Test
  void anUnreachableDatabaseIsNoOpenConnectionAndTheFirstRequestTriesAgain() throws Exception {
    DatabaseSettings settings = DatabaseSettings.of(TestDatabase.unreachableUrl("postgres"), "postgres", "unused");
    try (SingleConnection db = new SingleConnection(settings)) {
      ConnectionOpening opening = db.openInBackground();

      assertThat(opening.await()).isFalse();
      assertThat(db.opened()).isZero();
    }
  }

  @Test
  void aFailureBeyondAnUnreachableDatabaseIsThrownToTheWaitingThreadAsItWas() {
    NoClassDefFoundError missing = new NoClassDefFoundError("software/amazon/awssdk/services/secretsmanager/Gone");
    SecretLogin login = new SecretLogin("arn:aws:secretsmanager:us-east-1:000000000000:secret:db", null,
        secretId -> {
          throw missing;
        }, new PrintStream(java.io.OutputStream.nullOutputStream()));
    DatabaseSettings settings = new DatabaseSettings(login, Duration.ofSeconds(2), Duration.ofSeconds(10),
        Duration.ofMinutes(1));
    try (SingleConnection db = new SingleConnection(settings)) {
      ConnectionOpening opening = db.openInBackground();

      assertThatThrownBy(opening::await).isSameAs(missing);
    }
  }

  private static int backendPid(java.sql.Connection c) throws java.sql.SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
      r.next();
      return r.getInt(1);
    }
  }
}
