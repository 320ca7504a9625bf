package dev.lambdaloom.cli;

import dev.lambdaloom.services.postgres.Migrator;
import dev.lambdaloom.services.postgres.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Apply the tourist schema's pending migrations (V<n>__name.sql) to a PostgreSQL database.")
final class MigrateCommand implements Callable<Integer> {
  @Option(names = "--jdbc-url", paramLabel = "URL", defaultValue = "${env:DB_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}",
      description = "Database (default: $DB_URL, else ${DEFAULT-VALUE})")
  String url;

  @Option(names = "--user", defaultValue = "${env:DB_USER:-postgres}", description = "User (default: $DB_USER, else postgres)")
  String user;

  @Option(names = "--password", defaultValue = "${env:DB_PASSWORD:-}", description = "Password (default: $DB_PASSWORD)")
  String password;

  @Option(names = "--migrations", paramLabel = "DIR", description = "Migrations folder (default: functions/tourist/db/migration)")
  Path migrations;

  @Option(names = "--embedded", description = "Migrate a throwaway embedded PostgreSQL instead, to check the migrations")
  boolean embedded;

  @Override
  public Integer call() throws Exception {
    Path folder = migrations != null ? migrations : TouristDatabase.migrations(LambdaloomHome.path().resolve("template.yaml"));
    Migrator migrator = Migrator.of(folder);
    if (embedded) {
      try (PostgresServer postgres = TouristDatabase.startEmbedded(folder, System.out)) {
        return 0;
      }
    }
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      List<Migrator.Migration> applied = migrator.migrate(c);
      if (applied.isEmpty()) {
        System.out.println("Up to date: " + migrator.migrations().size() + " migrations in " + folder + " already applied to " + url);
      }
      for (Migrator.Migration m : applied) {
        System.out.println("Applied V" + m.version() + " " + m.description() + " (" + m.file().getFileName() + ") to " + url);
      }
    } catch (java.sql.SQLException e) {
      throw new UserFacingException("cannot migrate " + url + ": " + e.getMessage(), e);
    }
    return 0;
  }
}
