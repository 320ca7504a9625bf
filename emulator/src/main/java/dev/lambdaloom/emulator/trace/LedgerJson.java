package dev.lambdaloom.emulator.trace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdaloom.emulator.events.InvocationCause;
import dev.lambdaloom.emulator.template.FunctionConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The ledger as {@code GET /2015-03-31/lambdaloom/invocations} serves it: {@code invocations} (oldest first, each with
 * its cause, trace context, instants as ISO-8601 and epoch microseconds, cold or warm, Init Duration, how it ended),
 * {@code links} (see {@link CauseLinks}), and {@code capacity}, {@code recorded}, {@code dropped}. What
 * {@link ChromeTrace} and {@link OtlpTrace} read.
 */
public final class LedgerJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private LedgerJson() {}

  public static ObjectNode of(InvocationLedger.Snapshot snapshot, List<FunctionConfig> functions) {
    ObjectNode root = JSON.objectNode();
    root.put("capacity", snapshot.capacity());
    root.put("recorded", snapshot.recorded());
    root.put("dropped", snapshot.dropped());
    ArrayNode invocations = root.putArray("invocations");
    snapshot.entries().forEach(e -> invocations.add(entry(e)));
    ArrayNode links = root.putArray("links");
    for (CauseLink link : CauseLinks.of(snapshot.entries(), functions)) {
      ObjectNode node = links.addObject();
      node.put("from", link.from());
      node.put("to", link.to());
      node.put("kind", link.kind());
      node.put("inferred", link.inferred());
    }
    return root;
  }

  private static ObjectNode entry(LedgerEntry e) {
    ObjectNode node = JSON.objectNode();
    node.put("sequence", e.sequence());
    node.put("requestId", e.requestId());
    node.put("function", e.function());
    node.put("traceRoot", e.trace().root());
    node.put("parent", e.trace().parent());
    e.trace().callerParent().ifPresent(p -> node.put("callerParent", p));
    node.put("start", e.start().toString());
    node.put("end", e.end().toString());
    node.put("startMicros", micros(e.start()));
    node.put("endMicros", micros(e.end()));
    node.put("cold", e.cold());
    e.initDuration().ifPresent(d -> node.put("initDurationMs", d.toNanos() / 1e6));
    node.put("status", e.status().name());
    e.errorType().ifPresent(t -> node.put("errorType", t));
    node.set("cause", cause(e.cause()));
    return node;
  }

  static ObjectNode cause(InvocationCause cause) {
    ObjectNode node = JSON.objectNode();
    node.put("type", cause.getClass().getSimpleName());
    switch (cause) {
      case InvocationCause.InvokeApi api -> api.traceHeader().ifPresent(h -> node.put("traceHeader", h));
      case InvocationCause.Direct direct -> { }
      case InvocationCause.AsyncRetry retry -> {
        node.put("originalRequestId", retry.originalRequestId());
        node.put("attempt", retry.attempt());
      }
      case InvocationCause.TopicDelivery delivery -> {
        node.put("topicArn", delivery.topicArn());
        node.put("messageId", delivery.messageId());
        node.put("attempt", delivery.attempt());
      }
      case InvocationCause.MappingBatch batch -> {
        node.put("mappingUuid", batch.mappingUuid());
        node.put("eventSourceArn", batch.eventSourceArn());
        node.put("shardId", batch.shardId());
        node.put("firstSequence", batch.firstSequence());
        node.put("lastSequence", batch.lastSequence());
        node.put("records", batch.records());
        node.put("attempt", batch.attempt());
        node.put("firstArrival", batch.firstArrival().toString());
        node.put("lastArrival", batch.lastArrival().toString());
      }
    }
    return node;
  }

  static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
