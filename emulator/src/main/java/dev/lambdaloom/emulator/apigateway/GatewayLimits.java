package dev.lambdaloom.emulator.apigateway;

import dev.lambdaloom.loopback.RequestBodyDeadline;
import java.time.Duration;

/**
 * How long the gateway waits, for the function and for a client's body.
 *
 * @param integrationTimeout API Gateway's wait for the function: 30 s on AWS, then a 503
 * @param bodyTimeout how long a request's body may take to arrive; after it the connection is closed
 */
public record GatewayLimits(Duration integrationTimeout, Duration bodyTimeout) {
  public static GatewayLimits defaults() {
    return new GatewayLimits(ApiGatewayServer.INTEGRATION_TIMEOUT, RequestBodyDeadline.DEFAULT_TIMEOUT);
  }

  public GatewayLimits withIntegrationTimeout(Duration value) {
    return new GatewayLimits(value, bodyTimeout);
  }

  public GatewayLimits withBodyTimeout(Duration value) {
    return new GatewayLimits(integrationTimeout, value);
  }
}
