package dev.lambdaloom.functions.tourist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.apigateway.ApiGatewayServer;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.template.TemplateOverrides;
import dev.lambdaloom.services.postgres.Migrator;
import dev.lambdaloom.services.postgres.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;

/**
 * The packaged tourist.zip as {@code start-api} serves it: the root template's TouristFunction in the emulator's child
 * JVMs, behind the local API gateway, over a PostgreSQL of its own migrated with the tourist schema. The zip's ITs
 * share it; each says what it puts in the function's environment (a cursor key, a secret's ARN).
 */
final class DeployedTourist implements AutoCloseable {
  static final String FUNCTION = "TouristFunction";
  private static final Path TEMPLATE = Path.of("../../template.yaml").toAbsolutePath().normalize();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** The variables replacing the template's, made once the database is up (they name its URL or its login). */
  @FunctionalInterface
  interface Environment {
    Map<String, String> of(PostgresServer postgres) throws Exception;
  }

  private final PostgresServer postgres;
  private final Emulator emulator;
  private final ApiGatewayServer gateway;

  private DeployedTourist(PostgresServer postgres, Emulator emulator, ApiGatewayServer gateway) {
    this.postgres = postgres;
    this.emulator = emulator;
    this.gateway = gateway;
  }

  /** Starts all three; what started is closed again when a later step fails. */
  static DeployedTourist start(String name, Environment environment, LogSink logs) throws Exception {
    assertThat(Path.of("target/tourist.zip")).as("the zip, built by package").isRegularFile();
    PostgresServer postgres = PostgresServer.start(Files.createTempDirectory(name + "-"), 0, true);
    Emulator emulator = null;
    try {
      try (Connection c = postgres.connect()) {
        Migrator.of(TestDatabase.MIGRATIONS).migrate(c);
      }
      SamTemplate template = SamTemplate.load(TEMPLATE,
          TemplateOverrides.none().withEnvironment(FUNCTION, environment.of(postgres)));
      emulator = Emulator.start(template, EmulatorSettings.defaults(), logs);
      return new DeployedTourist(postgres, emulator, ApiGatewayServer.start(emulator, 0));
    } catch (Exception | Error e) {
      if (emulator != null) {
        emulator.close();
      }
      postgres.close();
      throw e;
    }
  }

  PostgresServer postgres() {
    return postgres;
  }

  Emulator emulator() {
    return emulator;
  }

  /** One request through the gateway; {@code headers} are name, value pairs. */
  HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.endpoint() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.setHeader(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    gateway.close();
    emulator.close();
    postgres.close();
  }
}
