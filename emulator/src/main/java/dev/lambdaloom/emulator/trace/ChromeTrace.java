package dev.lambdaloom.emulator.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger ({@link LedgerJson}) as Chrome trace events, which Perfetto and chrome://tracing open: a process per
 * function (named after it), a complete event ("X") per invocation on one of its lanes (threads: invocations of a
 * function that overlap run on separate lanes, since a viewer nests the events of one thread), and a flow ("s" on the
 * cause, "f" on the caused) per cause link, with {@code "inferred": true} in the args of a guessed one.
 * Timestamps are the emulator's clock in microseconds since the epoch.
 */
public final class ChromeTrace {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ChromeTrace() {}

  /** Where an invocation is drawn. */
  private record Placed(JsonNode invocation, int pid, int tid) {
    long start() {
      return invocation.get("startMicros").asLong();
    }

    long end() {
      return invocation.get("endMicros").asLong();
    }
  }

  public static ObjectNode of(JsonNode ledger) {
    ObjectNode document = JSON.objectNode();
    document.put("displayTimeUnit", "ms");
    ArrayNode events = document.putArray("traceEvents");
    List<JsonNode> invocations = new ArrayList<>();
    ledger.get("invocations").forEach(invocations::add);
    invocations.sort(Comparator.comparingLong(i -> i.get("startMicros").asLong()));

    Map<String, Integer> pids = new LinkedHashMap<>();
    Map<String, List<Long>> laneEnds = new HashMap<>();
    Map<String, Placed> bySegment = new HashMap<>();
    for (JsonNode invocation : invocations) {
      String function = invocation.get("function").asText();
      int pid = pids.computeIfAbsent(function, f -> {
        int id = pids.size() + 1;
        events.add(metadata("process_name", id, 0, f));
        return id;
      });
      List<Long> lanes = laneEnds.computeIfAbsent(function, f -> new ArrayList<>());
      int lane = 0;
      while (lane < lanes.size() && lanes.get(lane) > invocation.get("startMicros").asLong()) {
        lane++;
      }
      if (lane == lanes.size()) {
        lanes.add(0L);
        events.add(metadata("thread_name", pid, lane + 1, "lane " + (lane + 1)));
      }
      lanes.set(lane, invocation.get("endMicros").asLong());
      Placed placed = new Placed(invocation, pid, lane + 1);
      bySegment.put(invocation.get("parent").asText(), placed);
      events.add(complete(placed));
    }

    int flowId = 0;
    for (JsonNode link : ledger.get("links")) {
      Placed from = bySegment.get(link.get("from").asText());
      Placed to = bySegment.get(link.get("to").asText());
      if (from == null || to == null) {
        continue;
      }
      flowId++;
      ObjectNode args = JSON.objectNode();
      args.put("kind", link.get("kind").asText());
      args.put("inferred", link.get("inferred").asBoolean());
      // A flow starts inside its source's slice: at the caused invocation's start when the cause still ran then
      // (a synchronous call), else at the end of the cause (a retry after a failure, a write read later).
      long sourceTs = Math.max(from.start(), Math.min(to.start(), from.end()));
      events.add(flow("s", flowId, from, sourceTs, args));
      ObjectNode finish = flow("f", flowId, to, to.start(), args);
      finish.put("bp", "e");
      events.add(finish);
    }
    return document;
  }

  private static ObjectNode complete(Placed placed) {
    JsonNode invocation = placed.invocation();
    ObjectNode event = JSON.objectNode();
    event.put("name", invocation.get("function").asText());
    event.put("cat", "invocation," + invocation.get("cause").get("type").asText());
    event.put("ph", "X");
    event.put("ts", placed.start());
    event.put("dur", placed.end() - placed.start());
    event.put("pid", placed.pid());
    event.put("tid", placed.tid());
    ObjectNode args = event.putObject("args");
    for (String field : List.of("requestId", "traceRoot", "parent", "callerParent", "cold", "initDurationMs", "status",
        "errorType")) {
      if (invocation.has(field)) {
        args.set(field, invocation.get(field));
      }
    }
    args.set("cause", invocation.get("cause"));
    return event;
  }

  private static ObjectNode flow(String phase, int id, Placed at, long ts, ObjectNode args) {
    ObjectNode event = JSON.objectNode();
    event.put("name", "caused");
    event.put("cat", "cause");
    event.put("ph", phase);
    event.put("id", id);
    event.put("ts", ts);
    event.put("pid", at.pid());
    event.put("tid", at.tid());
    event.set("args", args.deepCopy());
    return event;
  }

  private static ObjectNode metadata(String name, int pid, int tid, String value) {
    ObjectNode event = JSON.objectNode();
    event.put("name", name);
    event.put("ph", "M");
    event.put("pid", pid);
    event.put("tid", tid);
    event.putObject("args").put("name", value);
    return event;
  }
}
