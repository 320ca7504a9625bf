package dev.lambdaloom.services.secretsmanager;

import dev.lambdaloom.loopback.LoopbackHttpServer;
import dev.lambdaloom.loopback.LoopbackRequestGuard;
import dev.lambdaloom.loopback.RequestBodyDeadline;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A Secrets Manager server on 127.0.0.1, in memory, so that functions and tests read secrets with AWS's own clients
 * without AWS (and without Docker, which every other local Secrets Manager needs): the SDKs reach it through an
 * endpoint override ({@code AWS_ENDPOINT_URL_SECRETS_MANAGER}) in AWS JSON 1.1.
 *
 * <p>It serves CreateSecret, PutSecretValue and GetSecretValue, with Secrets Manager's fields and error codes, for
 * string secrets. Where it differs: only the current version is kept (GetSecretValue by VersionId or another stage is
 * refused), nothing is encrypted, any credentials are accepted and none is checked. Requests whose Host or Origin is
 * not this machine's are refused ({@link LoopbackRequestGuard}).
 */
public final class SecretsManagerLocal implements AutoCloseable {
  private static final int BACKLOG = 64;

  private final LoopbackHttpServer server;
  private final SecretsApi api;
  private final String region;

  private SecretsManagerLocal(int port, String region, Clock clock) throws IOException {
    this.region = region;
    this.api = new SecretsApi(new Secrets(region, "000000000000", clock));
    this.server = LoopbackHttpServer.start(port, BACKLOG, Map.of("/", new SecretsExchange(api)),
        List.of(new RequestBodyDeadline(RequestBodyDeadline.DEFAULT_TIMEOUT),
            new LoopbackRequestGuard((exchange, reason) ->
                SecretsExchange.sendError(exchange, SecretsError.ACCESS_DENIED, reason))));
  }

  /** Starts on a free port, in us-east-1. */
  public static SecretsManagerLocal start() throws IOException {
    return start(0, "us-east-1");
  }

  /** @param port the loopback port, 0 for a free one */
  public static SecretsManagerLocal start(int port, String region) throws IOException {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, not " + port);
    }
    return new SecretsManagerLocal(port, region, Clock.systemUTC());
  }

  public int port() {
    return server.port();
  }

  /** http://127.0.0.1:PORT, for a client's endpointOverride and AWS_ENDPOINT_URL_SECRETS_MANAGER. */
  public URI endpoint() {
    return URI.create(server.baseUrl());
  }

  public String region() {
    return region;
  }

  /** How many requests of {@code operation} (GetSecretValue...) it has answered or refused: what tests count. */
  public long calls(String operation) {
    return api.calls(operation);
  }

  /** Stops serving at once and forgets every secret. */
  @Override
  public void close() {
    server.close();
  }
}
