package dev.lambdaloom.emulator.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdaloom.emulator.InvokeResult;
import java.time.Duration;
import java.time.Instant;

/**
 * A lane's current tumbling window (TumblingWindowInSeconds): the window a record belongs to is given by its arrival
 * time, windows aligned on multiples of their length since the epoch; the state the function returns is handed to its
 * next invocation in the same window, and when the window ends the function gets a last invocation with no records
 * and {@code isFinalInvokeForWindow: true}. Confined to its lane's thread.
 */
final class TumblingWindow {
  /** Lambda's limit on the state a function carries between the invocations of a window. */
  static final int MAX_STATE_BYTES = 1_048_576;

  private final Duration length;
  private Instant start;
  private JsonNode state = JsonNodeFactory.instance.objectNode();

  TumblingWindow(Duration length) {
    this.length = length;
  }

  /** The start of the window {@code arrival} falls in. */
  Instant windowOf(Instant arrival) {
    long size = length.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(arrival.toEpochMilli(), size) * size);
  }

  /** Whether a window is open (it has had records and no final invocation yet). */
  boolean open() {
    return start != null;
  }

  Instant start() {
    return start;
  }

  Instant end() {
    return start.plus(length);
  }

  /** Opens the window of {@code arrival} with an empty state, if no window is open. */
  void openFor(Instant arrival) {
    if (start == null) {
      start = windowOf(arrival);
      state = JsonNodeFactory.instance.objectNode();
    }
  }

  /** Closes the window after its final invocation. */
  void close() {
    start = null;
    state = JsonNodeFactory.instance.objectNode();
  }

  /** Adds the window's fields to a batch's event. */
  void decorate(ObjectNode event, String shardId, String eventSourceArn, boolean finalInvoke) {
    ObjectNode window = event.putObject("window");
    window.put("start", start.toString());
    window.put("end", end().toString());
    event.set("state", state);
    event.put("shardId", shardId);
    event.put("eventSourceARN", eventSourceArn);
    event.put("isFinalInvokeForWindow", finalInvoke);
    event.put("isWindowTerminatedEarly", false);
  }

  /**
   * Keeps the state a successful invocation returned (its {@code state} object); a response without one leaves the
   * state empty, as the function chose. Returns a problem when the state is over 1 MB or not an object, else null.
   */
  String absorb(InvokeResult result) {
    JsonNode response;
    try {
      response = Json.MAPPER.readTree(result.payloadText());
    } catch (JsonProcessingException e) {
      return "the response is not JSON, the window's state is kept";
    }
    JsonNode next = response == null ? null : response.get("state");
    if (next == null || next.isNull()) {
      state = JsonNodeFactory.instance.objectNode();
      return null;
    }
    if (!next.isObject()) {
      return "the response's state is not an object, the window's state is kept";
    }
    if (Json.bytes(next).length > MAX_STATE_BYTES) {
      return "the response's state is over 1 MB, the window's state is kept";
    }
    state = next;
    return null;
  }
}
