package dev.lambdaloom.bench.coldstart;

import java.util.Map;

/**
 * What a function's cold starts are timed with.
 *
 * @param event the first request
 * @param environment variables replacing the template's (the local services' endpoints)
 * @param description what the request is, for the report
 */
record FunctionEvent(byte[] event, Map<String, String> environment, String description) {
  FunctionEvent {
    environment = Map.copyOf(environment);
  }
}
