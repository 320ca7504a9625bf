package dev.lambdaloom.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdaloom.emulator.events.EventSourceMapping;
import dev.lambdaloom.emulator.events.MappingConfig;
import dev.lambdaloom.emulator.events.MappingCounters;
import dev.lambdaloom.emulator.events.MappingSettings;
import dev.lambdaloom.emulator.events.MappingStatus;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * ListEventSourceMappings and GetEventSourceMapping, read-only (the template declares the mappings), in the shape the
 * Lambda API gives them so that the AWS SDK and CLI read them; each mapping also carries a {@code LambdaloomStatus}
 * object (unknown to the SDK, which skips it) with its positions, lag and counters.
 */
final class EventSourceMappingApi {
  static final String PATH = "/2015-03-31/event-source-mappings";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Supplier<List<EventSourceMapping>> mappings;
  private final Function<String, String> functionArn;

  EventSourceMappingApi(Supplier<List<EventSourceMapping>> mappings, Function<String, String> functionArn) {
    this.mappings = mappings;
    this.functionArn = functionArn;
  }

  /** The answer to {@code GET rawPath?rawQuery}; throws ApiError for an unknown mapping or operation. */
  ObjectNode get(String method, String rawPath, String rawQuery) {
    if (!method.equals("GET")) {
      throw new ApiError(405, "MethodNotAllowedException", method + " is not allowed here: the template declares"
          + " the event source mappings; Lambdaloom lists and describes them (GET)");
    }
    String rest = rawPath.substring(PATH.length());
    if (rest.isEmpty() || rest.equals("/")) {
      return list(query(rawQuery));
    }
    String uuid = URLDecoder.decode(rest.substring(1), StandardCharsets.UTF_8);
    return mappings.get().stream().filter(m -> m.config().uuid().equals(uuid)).findFirst()
        .map(this::describe)
        .orElseThrow(() -> new ApiError(404, "ResourceNotFoundException", "The resource you requested does not"
            + " exist. (Service: Lambda, Status Code: 404) event source mapping " + uuid));
  }

  private ObjectNode list(Map<String, String> query) {
    String function = query.get("FunctionName");
    String source = query.get("EventSourceArn");
    ObjectNode body = NODES.objectNode();
    ArrayNode list = body.putArray("EventSourceMappings");
    for (EventSourceMapping mapping : mappings.get()) {
      MappingConfig config = mapping.config();
      boolean functionMatches = function == null || function.equals(config.functionName())
          || function.equals(functionArn.apply(config.functionName()));
      if (functionMatches && (source == null || source.equals(config.eventSourceArn()))) {
        list.add(describe(mapping));
      }
    }
    return body;
  }

  private ObjectNode describe(EventSourceMapping mapping) {
    MappingConfig config = mapping.config();
    MappingSettings settings = config.settings();
    MappingStatus status = mapping.status();
    ObjectNode node = NODES.objectNode();
    node.put("UUID", config.uuid());
    node.put("EventSourceArn", config.eventSourceArn());
    node.put("FunctionArn", functionArn.apply(config.functionName()));
    node.put("BatchSize", settings.batchSize());
    node.put("MaximumBatchingWindowInSeconds", settings.batchingWindow().toSeconds());
    settings.startingPosition().ifPresent(p -> node.put("StartingPosition", p.name()));
    settings.startingTimestamp().ifPresent(t -> node.put("StartingPositionTimestamp",
        BigDecimal.valueOf(t.toEpochMilli(), 3)));
    if (config.kind().isStream()) {
      node.put("ParallelizationFactor", settings.parallelizationFactor());
      node.put("BisectBatchOnFunctionError", settings.bisectOnError());
      node.put("MaximumRetryAttempts", settings.maximumRetryAttempts().orElse(-1));
      node.put("MaximumRecordAgeInSeconds", settings.maximumRecordAge().map(d -> (int) d.toSeconds()).orElse(-1));
      settings.tumblingWindow().ifPresent(w -> node.put("TumblingWindowInSeconds", w.toSeconds()));
      ObjectNode destination = node.putObject("DestinationConfig").putObject("OnFailure");
      settings.onFailureDestination().ifPresent(arn -> destination.put("Destination", arn));
    }
    ArrayNode types = node.putArray("FunctionResponseTypes");
    if (settings.reportBatchItemFailures()) {
      types.add("ReportBatchItemFailures");
    }
    if (!settings.filterPatterns().isEmpty()) {
      ArrayNode filters = node.putObject("FilterCriteria").putArray("Filters");
      settings.filterPatterns().forEach(p -> filters.addObject().put("Pattern", p));
    }
    settings.maximumConcurrency().ifPresent(c -> node.putObject("ScalingConfig").put("MaximumConcurrency", c));
    node.put("LastModified", BigDecimal.valueOf(status.lastModified().toEpochMilli(), 3));
    node.put("LastProcessingResult", status.lastProcessingResult());
    node.put("State", status.state().label());
    node.put("StateTransitionReason", "USER_INITIATED");
    node.set("LambdaloomStatus", lambdaloomStatus(status));
    return node;
  }

  private static ObjectNode lambdaloomStatus(MappingStatus status) {
    ObjectNode node = NODES.objectNode();
    ObjectNode positions = node.putObject("Positions");
    status.positions().forEach(positions::put);
    node.put("Lag", status.lag());
    MappingCounters c = status.counters();
    node.put("Invocations", c.invocations());
    node.put("RecordsDelivered", c.recordsDelivered());
    node.put("RecordsDone", c.recordsDone());
    node.put("Retries", c.retries());
    node.put("RecordsFilteredOut", c.recordsFilteredOut());
    node.put("RecordsToDestination", c.recordsToDestination());
    node.put("RecordsDiscarded", c.recordsDiscarded());
    return node;
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.put(name, value);
    }
    return query;
  }
}
