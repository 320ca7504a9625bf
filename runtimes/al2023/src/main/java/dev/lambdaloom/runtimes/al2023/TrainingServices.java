package dev.lambdaloom.runtimes.al2023;

import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.services.StartedServices;
import dev.lambdaloom.services.iot.IotApiSimulator;
import dev.lambdaloom.services.postgres.Migrator;
import dev.lambdaloom.services.postgres.PostgresServer;
import dev.lambdaloom.services.s3.S3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The embedded services a training run's event reaches, so that the AOT cache holds the classes of the function's
 * real path (a database login, an HTTP fetch, a Parquet write to S3) and not only of its init. Each is started on
 * loopback for one training run and stopped after it.
 *
 * <p>What each gives the run: {@code postgres}, DB_URL, DB_USER and DB_PASSWORD of a temporary PostgreSQL migrated
 * with the function's {@code db/migration} folder (beside its pom); {@code s3}, AWS_ENDPOINT_URL_S3 and a bucket
 * named {@value #BUCKET}; {@code iot}, the placeholder {@code ${iot.readings}} (the IoT simulator's reading URL with
 * {@code {id}} for the sequence number). Placeholders are replaced in the event and in {@code env.} values.
 */
final class TrainingServices implements AutoCloseable {
  static final Set<String> KNOWN = Set.of("postgres", "s3", "iot");
  static final String BUCKET = "training";

  private final StartedServices started = new StartedServices();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final Map<String, String> placeholders = new LinkedHashMap<>();

  private TrainingServices() {
  }

  /** Starts what the function's spec names; a service that cannot start stops the build with the cause. */
  static TrainingServices startFor(FunctionConfig function, TrainingSpec spec) throws IOException {
    try {
      // the java25 zip is <module>/target/<name>.zip: its module holds what the services need (migrations)
      return start(spec, function.codeUri().toAbsolutePath().getParent().getParent());
    } catch (CustomRuntimeException | IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot start the training services " + spec.services() + " of " + function.name(), e);
    }
  }

  /** Starts what the spec names; {@code functionModule} is the function's module folder (its migrations). */
  private static TrainingServices start(TrainingSpec spec, Path functionModule) throws Exception {
    TrainingServices services = new TrainingServices();
    try {
      for (String name : spec.services()) {
        switch (name) {
          case "postgres" -> services.postgres(functionModule.resolve("db/migration"));
          case "s3" -> services.s3();
          case "iot" -> services.iot();
          default -> throw new IllegalArgumentException("unknown training service " + name + " (known: " + KNOWN + ")");
        }
      }
      return services;
    } catch (Exception e) {
      services.close();
      throw e;
    }
  }

  private void postgres(Path migrations) throws Exception {
    if (!Files.isDirectory(migrations)) {
      throw new CustomRuntimeException("the training service postgres needs the function's migrations in "
          + migrations + "; add them, or drop postgres from its training properties");
    }
    PostgresServer postgres = started.keep(PostgresServer.startTemporary());
    try (Connection connection = postgres.connect()) {
      Migrator.of(migrations).migrate(connection);
    }
    environment.putAll(postgres.environment());
  }

  private void s3() throws Exception {
    S3Server s3 = started.keep(S3Server.start(S3Server.Options.defaults().withInitialBuckets(BUCKET)));
    environment.put("AWS_ENDPOINT_URL_S3", s3.endpoint());
  }

  private void iot() throws Exception {
    IotApiSimulator iot = started.keep(IotApiSimulator.start(IotApiSimulator.Options.builder().seed(13).build()));
    placeholders.put("${iot.readings}", iot.urlTemplate().replace("{device}", "training").replace("{seq}", "{id}"));
  }

  /** The variables the services set for the run. */
  Map<String, String> environment() {
    return Map.copyOf(environment);
  }

  /** The text with every known placeholder replaced; an unknown {@code ${...}} left in is an error. */
  String substitute(String text) {
    String result = text;
    for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
      result = result.replace(placeholder.getKey(), placeholder.getValue());
    }
    int left = result.indexOf("${");
    if (left >= 0) {
      throw new CustomRuntimeException("a training placeholder no started service fills: "
          + result.substring(left, Math.min(result.length(), result.indexOf('}', left) + 1))
          + " (start its service with services=... in the training properties)");
    }
    return result;
  }

  @Override
  public void close() throws IOException {
    try {
      started.close();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot stop a training service", e);
    }
  }
}
