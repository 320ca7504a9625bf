package dev.lambdaloom.services.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies versioned SQL files ({@code V1__create_tourists.sql}, {@code V2__...}) in version order,
 * each once, all pending ones in one transaction (PostgreSQL's DDL is transactional: a failure leaves
 * nothing half done), recording each in {@code schema_migrations} with a SHA-256 of its text. An applied file that changed since is an error: schema changes go in a new file. An advisory
 * lock keeps two migrators from racing.
 *
 * <p>Why not Flyway: it brings a few megabytes and its own configuration for what is ~100 lines
 * here, and the schema is small. The file names follow Flyway's convention, so moving to it later
 * is a drop-in change.
 */
public final class Migrator {
  private static final Pattern FILE = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
  private static final long LOCK_KEY = 0x6c616d6264616c6fL; // "lambdalo"

  /** One migration file. */
  public record Migration(int version, String description, Path file, String checksum) {}

  private final List<Migration> migrations;

  private Migrator(List<Migration> migrations) {
    this.migrations = List.copyOf(migrations);
  }

  /** The migrations in {@code folder}, by version; other files are ignored. */
  public static Migrator of(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("no migrations folder " + folder.toAbsolutePath());
    }
    List<Migration> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        if (m.matches()) {
          found.add(new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), file,
              sha256(Files.readString(file, StandardCharsets.UTF_8))));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migrations in " + folder, e);
    }
    found.sort(Comparator.comparingInt(Migration::version));
    for (int i = 1; i < found.size(); i++) {
      if (found.get(i).version() == found.get(i - 1).version()) {
        throw new IllegalArgumentException("two migrations have version " + found.get(i).version() + " in " + folder);
      }
    }
    return new Migrator(found);
  }

  public List<Migration> migrations() {
    return migrations;
  }

  /** Applies what is pending; returns the migrations applied now (empty when up to date). */
  public List<Migration> migrate(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    try {
      connection.setAutoCommit(true);
      try (Statement s = connection.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
            + "description text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
      }
      connection.setAutoCommit(false);
      List<Migration> applied = new ArrayList<>();
      try (Statement lock = connection.createStatement()) {
        lock.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
        Map<Integer, String> done = applied(connection);
        for (Migration migration : migrations) {
          String checksum = done.get(migration.version());
          if (checksum != null) {
            if (!checksum.equals(migration.checksum())) {
              throw new IllegalStateException("migration " + migration.file().getFileName()
                  + " changed after it was applied; add a new migration instead of editing it");
            }
            continue;
          }
          try (Statement ddl = connection.createStatement()) {
            ddl.execute(Files.readString(migration.file(), StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (SQLException e) {
            throw new SQLException("migration " + migration.file().getFileName() + " failed: " + e.getMessage(),
                e.getSQLState(), e);
          }
          try (PreparedStatement record = connection.prepareStatement(
              "INSERT INTO schema_migrations (version, description, checksum) VALUES (?, ?, ?)")) {
            record.setInt(1, migration.version());
            record.setString(2, migration.description());
            record.setString(3, migration.checksum());
            record.executeUpdate();
          }
          applied.add(migration);
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
      return applied;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static Map<Integer, String> applied(Connection connection) throws SQLException {
    Map<Integer, String> done = new HashMap<>();
    try (Statement s = connection.createStatement();
        ResultSet rows = s.executeQuery("SELECT version, checksum FROM schema_migrations")) {
      while (rows.next()) {
        done.put(rows.getInt(1), rows.getString(2));
      }
    }
    return done;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
