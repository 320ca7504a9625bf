package dev.lambdaloom.cli;

import dev.lambdaloom.emulator.apigateway.ApiGatewayServer;
import dev.lambdaloom.emulator.apigateway.RouteTable;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.events.EventSources;
import dev.lambdaloom.services.postgres.PostgresServer;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "start-api", mixinStandardHelpOptions = true,
    description = "Serve the template's HttpApi routes on loopback through the emulator, like sam local start-api without Docker.")
final class StartApiCommand implements Callable<Integer> {
  @Mixin EmulatorOptions options;

  @Option(names = "--port", defaultValue = "3000", description = "HTTP port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--embedded-postgres",
      description = "Start an embedded PostgreSQL, apply the tourist migrations, and give every function DB_URL, DB_USER, DB_PASSWORD")
  boolean embeddedPostgres;

  @Option(names = "--quiet", description = "No access log lines")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    options.announce(System.out);
    PostgresServer postgres = embeddedPostgres ? TouristDatabase.startEmbedded(TouristDatabase.migrations(options.templateFile()), System.out) : null;
    Map<String, String> environment = postgres == null ? Map.of() : TouristDatabase.functionEnvironment(postgres);
    Emulator emulator = options.start(LogSink.printTo(System.out, true), environment);
    RouteTable routes = RouteTable.of(emulator.functions());
    if (routes.isEmpty()) {
      emulator.close();
      throw new UserFacingException("no function in " + options.templateFile() + " has an HttpApi event to serve");
    }
    ApiGatewayServer gateway = ApiGatewayServer.start(emulator, routes, port,
        quiet ? line -> {} : line -> System.out.println("[api] " + line), ApiGatewayServer.INTEGRATION_TIMEOUT);
    // The template's event source mappings run beside the API, as under serve.
    EventSources sources = EventSources.start(emulator, LogSink.printTo(System.out, true));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sources.close();
      gateway.close();
      if (postgres != null) {
        postgres.close();
      }
      stopped.countDown();
    }, "lambdaloom-start-api-shutdown"));

    System.out.println("HTTP API on " + gateway.endpoint() + "  (" + options.templateFile() + ")");
    System.out.println("Limits: " + emulator.limitsDescription());
    gateway.describeRoutes().forEach(line -> System.out.println("  " + line));
    sources.describe().forEach(line -> System.out.println("  mapping " + line));
    if (routes.routes().stream().anyMatch(r -> "/tourists".equals(r.path()))) {
      System.out.println("Try: curl -i -X POST " + gateway.endpoint() + "/tourists -H 'Content-Type: application/json' "
          + "-d '{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"nationality\":\"GB\"}'");
      if (postgres != null) {
        // The password is new at every start and the server is on loopback only: show it, so its owner can look inside.
        System.out.println("Database: PGPASSWORD=" + postgres.password() + " psql -h 127.0.0.1 -p " + postgres.port()
            + " -U " + postgres.user() + " postgres");
      } else {
        System.out.println("(the tourist API needs a migrated PostgreSQL at DB_URL: add --embedded-postgres, "
            + "or run ./lambdaloom migrate against yours)");
      }
    }
    System.out.flush();
    stopped.await();
    return 0;
  }
}
