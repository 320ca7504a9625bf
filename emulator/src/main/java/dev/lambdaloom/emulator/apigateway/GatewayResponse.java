package dev.lambdaloom.emulator.apigateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What the gateway sends back: a status, headers (each with all its values) and a body. */
record GatewayResponse(int status, Map<String, List<String>> headers, byte[] body) {
  /** API Gateway's own answers: {@code {"message":"Not Found"}} and the like. */
  static GatewayResponse message(int status, String message) {
    return new GatewayResponse(status, Map.of("Content-Type", List.of("application/json")),
        ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
  }
}
