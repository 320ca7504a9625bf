package dev.lambdaloom.cli;

import dev.lambdaloom.services.postgres.Migrator;
import dev.lambdaloom.services.postgres.PostgresServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tourist API's schema: where its migrations live, and an embedded PostgreSQL with them applied. */
final class TouristDatabase {
  private TouristDatabase() {}

  /** Next to the template (the checkout's root), else in Lambdaloom's home or a folder above it. */
  static Path migrations(Path template) {
    Path beside = template.toAbsolutePath().normalize().getParent().resolve(FOLDER);
    if (java.nio.file.Files.isDirectory(beside)) {
      return beside;
    }
    for (Path dir = LambdaloomHome.path(); dir != null; dir = dir.getParent()) {
      if (java.nio.file.Files.isDirectory(dir.resolve(FOLDER))) {
        return dir.resolve(FOLDER);
      }
    }
    return LambdaloomHome.path().resolve(FOLDER);
  }

  private static final String FOLDER = "functions/tourist/db/migration";

  /**
   * What the tourist function needs to use {@code postgres}: DB_URL, DB_USER, DB_PASSWORD, and a CURSOR_KEY made for
   * this run, so that a cursor one container issued is accepted by the others (without one, each container would
   * sign with a key of its own, and paging across warm containers would meet 400s).
   */
  static Map<String, String> functionEnvironment(PostgresServer postgres) {
    Map<String, String> environment = new LinkedHashMap<>(postgres.environment());
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    environment.put(CURSOR_KEY, Base64.getEncoder().encodeToString(key));
    return environment;
  }

  private static final String CURSOR_KEY = "CURSOR_KEY";

  /** Starts a throwaway PostgreSQL and migrates it; the caller closes it. */
  static PostgresServer startEmbedded(Path migrations, PrintStream out) throws SQLException {
    long start = System.nanoTime();
    PostgresServer postgres = PostgresServer.startTemporary();
    try (Connection c = postgres.connect()) {
      List<Migrator.Migration> applied = Migrator.of(migrations).migrate(c);
      out.printf("PostgreSQL on %s (embedded, %.1f s), migrations applied: %s%n", postgres.jdbcUrl(),
          (System.nanoTime() - start) / 1e9, applied.stream().map(m -> "V" + m.version() + " " + m.description()).toList());
    } catch (SQLException | RuntimeException e) {
      postgres.close();
      throw e;
    }
    return postgres;
  }
}
