package dev.lambdaloom.emulator.trace;

import dev.lambdaloom.emulator.events.InvocationCause;
import dev.lambdaloom.emulator.template.FunctionConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds which invocation caused which among a ledger's entries.
 *
 * <p>Known exactly: an Invoke API call that carried an X-Amzn-Trace-Id whose Parent is an invocation in the ledger
 * (a function calling another through the SDK, which copies its own trace header onto the call), and an Event
 * invocation's retry (called by its previous attempt).
 *
 * <p>Inferred: Lambda does not know who wrote a stream record either. A batch is linked to the invocations that were
 * running when its records arrived, of every function whose environment names the table or stream (a value equal to
 * its name, the {@code AWS_ENDPOINT_URL*} variables aside: {@code TABLE_NAME=Workers} for the Workers table's
 * stream). DynamoDB gives a record's creation time in whole seconds, so the window reaches {@link #ARRIVAL_GRANULARITY}
 * past the last arrival; a link found that way may name a function that was only reading the table.
 */
public final class CauseLinks {
  /** How coarse a record's arrival time can be (DynamoDB Streams: whole seconds). */
  static final Duration ARRIVAL_GRANULARITY = Duration.ofSeconds(1);

  private CauseLinks() {}

  public static List<CauseLink> of(List<LedgerEntry> entries, List<FunctionConfig> functions) {
    Map<String, LedgerEntry> bySegment = new HashMap<>();
    entries.forEach(e -> bySegment.put(e.trace().parent(), e));
    List<CauseLink> links = new ArrayList<>();
    for (LedgerEntry entry : entries) {
      switch (entry.cause()) {
        case InvocationCause.InvokeApi api -> exact(entry, bySegment, "invoke-api", links);
        case InvocationCause.AsyncRetry retry -> exact(entry, bySegment, "async-retry", links);
        case InvocationCause.MappingBatch batch -> inferred(entry, batch, entries, functions, links);
        case InvocationCause.TopicDelivery delivery -> { } // a delivery does not name its publisher
        case InvocationCause.Direct direct -> { }
      }
    }
    return links;
  }

  private static void exact(LedgerEntry entry, Map<String, LedgerEntry> bySegment, String kind,
      List<CauseLink> links) {
    entry.trace().callerParent().filter(bySegment::containsKey)
        .ifPresent(caller -> links.add(new CauseLink(caller, entry.trace().parent(), kind, false)));
  }

  private static void inferred(LedgerEntry entry, InvocationCause.MappingBatch batch, List<LedgerEntry> entries,
      List<FunctionConfig> functions, List<CauseLink> links) {
    String source = sourceName(batch.eventSourceArn());
    Set<String> writers = functions.stream().filter(f -> names(f, source)).map(FunctionConfig::name)
        .collect(Collectors.toSet());
    if (writers.isEmpty()) {
      return;
    }
    Instant from = batch.firstArrival();
    Instant to = batch.lastArrival().plus(ARRIVAL_GRANULARITY);
    for (LedgerEntry candidate : entries) {
      if (candidate != entry && writers.contains(candidate.function()) && candidate.start().isBefore(to)
          && !candidate.end().isBefore(from)) {
        links.add(new CauseLink(candidate.trace().parent(), entry.trace().parent(), "stream-write", true));
      }
    }
  }

  private static boolean names(FunctionConfig function, String source) {
    return function.environment().entrySet().stream()
        .anyMatch(e -> !e.getKey().startsWith("AWS_ENDPOINT_URL") && e.getValue().equals(source));
  }

  /**
   * The table or stream an event source ARN names: {@code arn:aws:dynamodb:...:table/Workers/stream/...} is Workers,
   * {@code arn:aws:kinesis:...:stream/Clicks} is Clicks.
   */
  static String sourceName(String arn) {
    String[] fields = arn.split(":", 6); // the resource, the sixth field, may hold colons (a stream's label)
    String resource = fields[fields.length - 1];
    String[] parts = resource.split("/");
    return parts.length > 1 ? parts[1] : resource;
  }
}
