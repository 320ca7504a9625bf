package dev.lambdaloom.functions.tourist;

import dev.lambdaloom.functions.tourist.adapter.jdbc.DatabaseSettings;
import dev.lambdaloom.services.postgres.Migrator;
import dev.lambdaloom.services.postgres.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL for the whole test run (it takes a second or two to start), and a fresh
 * database migrated with the repository's own migrations for each test class that asks.
 */
public final class TestDatabase {
  public static final Path MIGRATIONS = Path.of("db/migration");
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static PostgresServer server;

  private TestDatabase() {}

  public static synchronized PostgresServer server() {
    if (server == null) {
      server = PostgresServer.startTemporary();
      PostgresServer started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-postgres-stop"));
    }
    return server;
  }

  /** How the function would reach one of the test server's databases: its URL, user and this start's password. */
  public static DatabaseSettings settings(String url) {
    return DatabaseSettings.of(url, server().user(), server().password());
  }

  /** A JDBC URL on a loopback port nothing listens on: a connection to it is refused at once. */
  public static String unreachableUrl(String database) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "jdbc:postgresql://127.0.0.1:" + socket.getLocalPort() + "/" + database; // closed when this returns
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new database with the tourist schema; returns its JDBC URL. */
  public static String freshDatabase() {
    try {
      String url = server().createDatabase("tourist_test_" + SEQUENCE.incrementAndGet() + "_" + ProcessHandle.current().pid());
      try (Connection c = server().connect(url)) {
        Migrator.of(MIGRATIONS).migrate(c);
      }
      return url;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
