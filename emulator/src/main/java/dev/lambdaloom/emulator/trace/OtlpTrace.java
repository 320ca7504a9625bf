package dev.lambdaloom.emulator.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger ({@link LedgerJson}) as OpenTelemetry spans in OTLP/JSON (an {@code ExportTraceServiceRequest}, what
 * Jaeger and other OTLP viewers import): a resource per function, a SERVER span per invocation with the trace id from
 * its X-Ray Root, the span id its Parent and the parent span id its caller's Parent. A guessed cause (a stream
 * record's writer) is a span link with the attribute {@code lambdaloom.inferred = true}: it may be in another trace.
 */
public final class OtlpTrace {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int SPAN_KIND_SERVER = 2;
  private static final int STATUS_ERROR = 2;

  private OtlpTrace() {}

  public static ObjectNode of(JsonNode ledger) {
    Map<String, JsonNode> bySegment = new HashMap<>();
    ledger.get("invocations").forEach(i -> bySegment.put(i.get("parent").asText(), i));
    Map<String, List<JsonNode>> inferredCauses = new HashMap<>();
    for (JsonNode link : ledger.get("links")) {
      JsonNode from = bySegment.get(link.get("from").asText());
      if (link.get("inferred").asBoolean() && from != null) {
        inferredCauses.computeIfAbsent(link.get("to").asText(), k -> new ArrayList<>()).add(from);
      }
    }
    Map<String, ArrayNode> spansByFunction = new LinkedHashMap<>();
    ObjectNode document = JSON.objectNode();
    ArrayNode resources = document.putArray("resourceSpans");
    for (JsonNode invocation : ledger.get("invocations")) {
      ArrayNode spans = spansByFunction.computeIfAbsent(invocation.get("function").asText(), function -> {
        ObjectNode resource = resources.addObject();
        attribute(resource.putObject("resource").putArray("attributes"), "service.name", function);
        ObjectNode scope = resource.putArray("scopeSpans").addObject();
        scope.putObject("scope").put("name", "lambdaloom");
        return scope.putArray("spans");
      });
      spans.add(span(invocation, inferredCauses.getOrDefault(invocation.get("parent").asText(), List.of())));
    }
    return document;
  }

  private static ObjectNode span(JsonNode invocation, List<JsonNode> inferredCauses) {
    ObjectNode span = JSON.objectNode();
    span.put("traceId", TraceContext.w3cTraceId(invocation.get("traceRoot").asText()));
    span.put("spanId", invocation.get("parent").asText());
    if (invocation.has("callerParent")) {
      span.put("parentSpanId", invocation.get("callerParent").asText());
    }
    span.put("name", invocation.get("function").asText());
    span.put("kind", SPAN_KIND_SERVER);
    // OTLP/JSON writes 64-bit integers as strings.
    span.put("startTimeUnixNano", Long.toString(invocation.get("startMicros").asLong() * 1000));
    span.put("endTimeUnixNano", Long.toString(invocation.get("endMicros").asLong() * 1000));
    ArrayNode attributes = span.putArray("attributes");
    attribute(attributes, "faas.invocation_id", invocation.get("requestId").asText());
    attributes.addObject().put("key", "faas.coldstart").putObject("value").put("boolValue",
        invocation.get("cold").asBoolean());
    attribute(attributes, "lambdaloom.cause", invocation.get("cause").get("type").asText());
    attribute(attributes, "lambdaloom.status", invocation.get("status").asText());
    if (invocation.has("errorType")) {
      span.putObject("status").put("code", STATUS_ERROR).put("message", invocation.get("errorType").asText());
    }
    if (!inferredCauses.isEmpty()) {
      ArrayNode links = span.putArray("links");
      for (JsonNode cause : inferredCauses) {
        ObjectNode link = links.addObject();
        link.put("traceId", TraceContext.w3cTraceId(cause.get("traceRoot").asText()));
        link.put("spanId", cause.get("parent").asText());
        link.putArray("attributes").addObject().put("key", "lambdaloom.inferred").putObject("value")
            .put("boolValue", true);
      }
    }
    return span;
  }

  private static void attribute(ArrayNode attributes, String key, String value) {
    attributes.addObject().put("key", key).putObject("value").put("stringValue", value);
  }
}
