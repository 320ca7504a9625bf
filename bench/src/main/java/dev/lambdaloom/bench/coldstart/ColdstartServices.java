package dev.lambdaloom.bench.coldstart;

import dev.lambdaloom.services.iot.IotApiSimulator;
import dev.lambdaloom.services.postgres.Migrator;
import dev.lambdaloom.services.postgres.PostgresServer;
import dev.lambdaloom.services.StartedServices;
import dev.lambdaloom.services.s3.S3Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The local services a cheap real first request needs, started only for the functions benchmarked: PostgreSQL (the
 * tourist API lists tourists), the S3 server and the IoT simulator (ingest fetches 20 documents and writes their
 * Parquet). The other functions get their cheapest valid event, said so in the report.
 */
final class ColdstartServices implements AutoCloseable {
  static final String TOURIST = "TouristFunction";
  static final String INGEST = "IngestFunction";
  static final String HELLO = "HelloFunction";
  private static final String BUCKET = "coldstart-readings";
  private static final int INGEST_DOCUMENTS = 20;

  private final StartedServices started = new StartedServices();
  private PostgresServer postgres;
  private S3Server s3;
  private IotApiSimulator iot;

  static ColdstartServices start(Set<String> functions, Path migrations) throws Exception {
    ColdstartServices services = new ColdstartServices();
    try {
      if (functions.contains(TOURIST)) {
        services.postgres = services.keep(PostgresServer.startTemporary());
        try (Connection connection = services.postgres.connect()) {
          Migrator.of(migrations).migrate(connection);
        }
      }
      if (functions.contains(INGEST)) {
        services.s3 = services.keep(S3Server.start(S3Server.Options.defaults().withInitialBuckets(BUCKET)));
        services.iot = services.keep(IotApiSimulator.start(IotApiSimulator.Options.builder().seed(13).build()));
      }
      return services;
    } catch (Exception e) {
      services.close();
      throw e;
    }
  }

  private <T extends AutoCloseable> T keep(T service) {
    return started.keep(service);
  }

  FunctionEvent eventFor(String function) {
    return switch (function) {
      case HELLO -> new FunctionEvent(bytes("{\"name\":\"bench\"}"), Map.of(), "a greeting");
      case TOURIST -> new FunctionEvent(bytes("""
          {"version": "2.0", "routeKey": "ANY /tourists", "rawPath": "/tourists", "rawQueryString": "limit=10",
           "queryStringParameters": {"limit": "10"}, "headers": {"accept": "application/json"},
           "requestContext": {"http": {"method": "GET", "path": "/tourists"}, "requestId": "coldstart"},
           "isBase64Encoded": false}"""), postgres.environment(), "GET /tourists?limit=10 on an embedded PostgreSQL");
      case INGEST -> {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_ENDPOINT_URL_S3", s3.endpoint());
        environment.put("READINGS_BUCKET", BUCKET);
        String urlTemplate = iot.urlTemplate().replace("{device}", "coldstart").replace("{seq}", "{id}");
        yield new FunctionEvent(bytes("{\"urlTemplate\":\"" + urlTemplate + "\",\"range\":{\"from\":0,\"to\":"
            + INGEST_DOCUMENTS + "},\"keyPrefix\":\"coldstart/\"}"), environment,
            INGEST_DOCUMENTS + " documents from the IoT simulator to Parquet on the local S3 server");
      }
      default -> new FunctionEvent(bytes("{}"), Map.of(),
          "its cheapest valid event, {} (no service started: a meaningful first request needs more than a cold start)");
    };
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws Exception {
    started.close();
  }
}
