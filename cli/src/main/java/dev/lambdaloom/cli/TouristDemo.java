package dev.lambdaloom.cli;

import dev.lambdaloom.bench.LatencySummary;
import dev.lambdaloom.bench.ReportCollector;
import dev.lambdaloom.bench.tourist.LoadGenerator;
import dev.lambdaloom.bench.tourist.LoadResult;
import dev.lambdaloom.bench.tourist.Operation;
import dev.lambdaloom.bench.tourist.RequestMix;
import dev.lambdaloom.emulator.apigateway.ApiGatewayServer;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.Report;
import dev.lambdaloom.services.postgres.PostgresServer;
import dev.lambdaloom.emulator.template.FunctionConfig;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tourist API as a user meets it: an embedded PostgreSQL, migrated; the TouristFunction behind
 * the local API gateway; create, read, list, update (and a stale update) and delete over HTTP; then
 * a short read-heavy load with its percentiles.
 */
final class TouristDemo implements DemoStep {
  static final String FUNCTION = "TouristFunction";
  private static final int LOAD_CONCURRENCY = 4;
  private static final int LOAD_REQUESTS = 400;
  private static final Duration REPORT_WAIT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private ReportCollector reports;

  @Override
  public String name() {
    return "tourist";
  }

  @Override
  public String description() {
    return FUNCTION + " behind the local API gateway on an embedded PostgreSQL: CRUD over HTTP, then "
        + LOAD_REQUESTS + " requests from " + LOAD_CONCURRENCY + " clients";
  }

  @Override
  public SummaryRow run(Emulator emulator, PrintStream out) throws Exception {
    FunctionConfig declared = emulator.function(FUNCTION);
    Path migrations = declared.codeUri().getParent().getParent().resolve("db/migration");
    if (!Files.isDirectory(migrations)) {
      migrations = TouristDatabase.migrations(LambdaloomHome.path().resolve("template.yaml"));
    }
    reports = new ReportCollector(LogSink.printTo(out, true));
    try (PostgresServer postgres = TouristDatabase.startEmbedded(migrations, out)) {
      // The function reads its database from DB_URL, DB_USER and DB_PASSWORD: point them at this one.
      try (Emulator own = DemoStep.emulatorFor(emulator, FUNCTION, TouristDatabase.functionEnvironment(postgres), reports);
          ApiGatewayServer gateway = ApiGatewayServer.start(own, 0)) {
        out.println("  HTTP API on " + gateway.endpoint());
        return crudThenLoad(gateway, postgres, declared, out);
      }
    }
  }

  private SummaryRow crudThenLoad(ApiGatewayServer gateway, PostgresServer postgres, FunctionConfig function,
      PrintStream out) throws Exception {
    String base = gateway.endpoint();
    boolean ok = true;
    HttpResponse<String> created = send(out, "POST", base + "/tourists",
        "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"nationality\":\"GB\",\"passportNumber\":\"GB1815\"}");
    ok &= created.statusCode() == 201;
    String location = created.headers().firstValue("Location").orElse("/tourists/missing");
    Report cold = report(created);
    ok &= send(out, "GET", base + location, null).statusCode() == 200;
    ok &= send(out, "POST", base + "/tourists",
        "{\"name\":\"Alan Turing\",\"email\":\"alan@example.com\",\"nationality\":\"GB\"}").statusCode() == 201;
    ok &= send(out, "GET", base + "/tourists?limit=5", null).statusCode() == 200;
    ok &= send(out, "PUT", base + location,
        "{\"name\":\"Augusta Ada King\",\"email\":\"ada@example.com\",\"nationality\":\"GB\"}", "If-Match", "\"1\"")
        .statusCode() == 200;
    ok &= send(out, "PUT", base + location,
        "{\"name\":\"Stale Writer\",\"email\":\"ada@example.com\",\"nationality\":\"GB\"}", "If-Match", "\"1\"")
        .statusCode() == 412;
    ok &= send(out, "POST", base + "/tourists", "{\"name\":\"\",\"email\":\"nope\",\"nationality\":\"XX\"}").statusCode() == 400;
    ok &= send(out, "DELETE", base + location, null).statusCode() == 204;
    ok &= send(out, "GET", base + location, null).statusCode() == 404;

    List<String> ids = seed(postgres);
    reports.mute(); // the load's START/END/REPORT lines would flood the terminal
    LoadResult load = new LoadGenerator(URI.create(base), ids)
        .run(LOAD_CONCURRENCY, LOAD_REQUESTS, RequestMix.READ_HEAVY, 7, "tourist load");
    List<Long> getNanos = new ArrayList<>();
    long maxMemory = cold == null ? 0 : cold.maxMemoryUsedMb();
    for (LoadResult.Invocation invocation : load.invocations()) {
      Report report = reports.await(invocation.lambdaRequestId(), REPORT_WAIT);
      maxMemory = Math.max(maxMemory, report.maxMemoryUsedMb());
      if (invocation.operation() == Operation.GET_BY_ID) {
        getNanos.add(Math.round(report.durationMs() * 1e6));
      }
    }
    LatencySummary get = LatencySummary.of(getNanos.stream().mapToLong(Long::longValue).toArray());
    LatencySummary trip = load.latency();
    out.printf(Locale.ROOT, "  load: %d requests (%s), %d clients, %.0f req/s, statuses %s%n", load.requests(),
        RequestMix.READ_HEAVY, LOAD_CONCURRENCY, load.throughput(), load.statuses());
    out.printf(Locale.ROOT, "  round trip   p50 %6.2f  p90 %6.2f  p99 %6.2f  max %7.2f ms%n", trip.p50(), trip.p90(), trip.p99(), trip.max());
    out.printf(Locale.ROOT, "  GET handler  p50 %6.2f  p90 %6.2f  p99 %6.2f  max %7.2f ms (Duration from REPORT lines)%n",
        get.p50(), get.p90(), get.p99(), get.max());
    ok &= load.serverErrors() == 0;
    return new SummaryRow(name(), FUNCTION, ok ? "ok, CRUD + " + LOAD_REQUESTS + " requests" : "FAILED (see above)",
        cold == null || cold.initDurationMs() == null ? "-"
            : String.format(Locale.ROOT, "init %.0f ms + first %.0f ms", cold.initDurationMs(), cold.durationMs()),
        String.format(Locale.ROOT, "GET p50 %.2f ms, p99 %.2f ms", get.p50(), get.p99()),
        maxMemory + " of " + function.memoryMb() + " MB");
  }

  private HttpResponse<String> send(PrintStream out, String method, String url, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String shown = response.body().length() > 160 ? response.body().substring(0, 160) + "…" : response.body();
    out.printf("  %-6s %-52s -> %d %s%s%n", method, URI.create(url).getRawPath()
            + (URI.create(url).getRawQuery() == null ? "" : "?" + URI.create(url).getRawQuery()),
        response.statusCode(), response.headers().firstValue("ETag").map(e -> "ETag " + e + " ").orElse(""), shown);
    return response;
  }

  private Report report(HttpResponse<String> response) throws InterruptedException {
    String id = response.headers().firstValue(ApiGatewayServer.LAMBDA_REQUEST_ID).orElse(null);
    return id == null ? null : reports.await(id, REPORT_WAIT);
  }

  /** Tourists to read during the load, written straight to the table. */
  private static List<String> seed(PostgresServer postgres) throws Exception {
    try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO tourists (id, name, email, nationality) SELECT gen_random_uuid(), 'Visitor ' || n, "
          + "'visitor' || n || '@example.com', 'JP' FROM generate_series(1, 200) AS n");
      List<String> ids = new ArrayList<>();
      try (ResultSet rows = s.executeQuery("SELECT id FROM tourists")) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      return ids;
    }
  }
}
