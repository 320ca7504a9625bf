package dev.lambdaloom.services.dynamodb;

import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.FanOut;
import dev.lambdaloom.core.FanOutSummary;
import dev.lambdaloom.core.Retrier;
import dev.lambdaloom.core.RetryDecision;
import dev.lambdaloom.core.RetryPolicy;
import dev.lambdaloom.core.TaskResult;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Creates and fills the article's worker records table: key WorkerId (N) + StartTime (S); StartExecutionTime and
 * EndTime (RFC 3339), PaginationToken, and Completed, which is a number in most items and a string in older ones.
 * Writes with BatchWriteItem (25 items a request) from several threads; unprocessed items and throttling are sent
 * again with core's {@link Retrier}. What a scavenger must delete is known from the {@link SeedPlan}.
 */
public final class WorkerTableSeeder {
  private static final int BATCH = 25;
  private static final int WORKERS = 1_000;
  /** How long a record stays: a scavenger deletes completed records older than this. */
  public static final Duration MAX_AGE = Duration.ofHours(48);
  private static final RetryPolicy RETRIES = new RetryPolicy(20, Duration.ofMillis(25), Duration.ofSeconds(1));
  private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_INSTANT;

  /** The kinds of record, in the proportions a plan asks for. */
  enum Kind { EXPIRED, RECENT, OLD_NOT_COMPLETED, RUNNING, MISSING_START, GARBAGE_START }

  private final DynamoDbClient client;
  private final int writersInFlight;

  /** @param writersInFlight BatchWriteItem requests at once */
  public WorkerTableSeeder(DynamoDbClient client, int writersInFlight) {
    if (writersInFlight < 1) throw new IllegalArgumentException("writersInFlight < 1: " + writersInFlight);
    this.client = client;
    this.writersInFlight = writersInFlight;
  }

  /** Creates the table (on-demand capacity), deleting an existing one of that name first. */
  public void recreateTable(String table) {
    try {
      client.deleteTable(b -> b.tableName(table));
    } catch (ResourceNotFoundException absent) {
      // nothing to delete
    }
    client.createTable(b -> b.tableName(table)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            AttributeDefinition.builder().attributeName("WorkerId").attributeType(ScalarAttributeType.N).build(),
            AttributeDefinition.builder().attributeName("StartTime").attributeType(ScalarAttributeType.S).build())
        .keySchema(
            KeySchemaElement.builder().attributeName("WorkerId").keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName("StartTime").keyType(KeyType.RANGE).build()));
  }

  /**
   * Writes the plan's records into its table (which must exist).
   *
   * @param progress told how many more records were written, from the calling thread
   */
  public SeedSummary seed(SeedPlan plan, LongConsumer progress) throws InterruptedException {
    long start = System.nanoTime();
    Kind[] kinds = kinds(plan);
    LongAdder requests = new LongAdder();
    LongAdder retries = new LongAdder();
    Retrier retrier = Retrier.builder()
        .policy(RETRIES)
        .retryOn(DynamoDbRetries.transientFailures())
        .listener((attempt, delay, cause) -> retries.increment())
        .build();
    List<Throwable> failures = new ArrayList<>();
    FanOutSummary<List<WriteRequest>> summary = FanOut.maxInFlight(writersInFlight).stream(
        batches(plan, kinds),
        batch -> write(plan.table(), batch, retrier, requests),
        (TaskResult<List<WriteRequest>, Integer> result) -> {
          switch (result) {
            case TaskResult.Success<List<WriteRequest>, Integer> s -> progress.accept(s.value());
            case TaskResult.Failure<List<WriteRequest>, Integer> f -> failures.add(f.failure());
            case TaskResult.Cancelled<List<WriteRequest>, Integer> c -> failures.add(new IllegalStateException("cancelled"));
          }
        });
    if (!failures.isEmpty()) {
      IllegalStateException failure = new IllegalStateException(
          failures.size() + " batches of " + plan.table() + " could not be written: " + failures.getFirst(), failures.getFirst());
      throw failure;
    }
    int asString = 0;
    int[] counts = new int[Kind.values().length];
    for (int i = 0; i < kinds.length; i++) {
      counts[kinds[i].ordinal()]++;
      if (completedAsString(plan, i)) asString++;
    }
    return new SeedSummary(kinds.length, counts[Kind.EXPIRED.ordinal()], counts[Kind.RECENT.ordinal()],
        counts[Kind.OLD_NOT_COMPLETED.ordinal()] + counts[Kind.RUNNING.ordinal()],
        counts[Kind.MISSING_START.ordinal()] + counts[Kind.GARBAGE_START.ordinal()], asString, requests.sum(),
        retries.sum(), Duration.ofNanos(System.nanoTime() - start));
  }

  private int write(String table, List<WriteRequest> batch, Retrier retrier, LongAdder requests) throws Exception {
    var pending = new Object() {
      Map<String, List<WriteRequest>> items = Map.of(table, batch);
    };
    var outcome = retrier.call(Deadline.none(), () -> {
      requests.increment();
      var response = client.batchWriteItem(b -> b.requestItems(pending.items));
      pending.items = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
      return pending.items.values().stream().mapToInt(List::size).sum();
    }, left -> left > 0 ? RetryDecision.retry() : RetryDecision.fail());
    if (outcome.value() > 0) {
      throw new IllegalStateException(outcome.value() + " items still unprocessed after " + outcome.attempts() + " attempts");
    }
    return batch.size();
  }

  /** The kind of every record, shuffled so that kinds are spread over workers and scan segments. */
  static Kind[] kinds(SeedPlan plan) {
    int expired = plan.expired();
    int keep = plan.items() - expired;
    int recent = keep / 2;
    int oldNotCompleted = keep * 3 / 10;
    Kind[] kinds = new Kind[plan.total()];
    int i = 0;
    for (int n = 0; n < expired; n++) kinds[i++] = Kind.EXPIRED;
    for (int n = 0; n < recent; n++) kinds[i++] = Kind.RECENT;
    for (int n = 0; n < oldNotCompleted; n++) kinds[i++] = Kind.OLD_NOT_COMPLETED;
    for (int n = recent + oldNotCompleted; n < keep; n++) kinds[i++] = Kind.RUNNING;
    for (int n = 0; n < plan.malformed(); n++) kinds[i++] = n % 2 == 0 ? Kind.MISSING_START : Kind.GARBAGE_START;
    SplittableRandom random = new SplittableRandom(plan.seed());
    for (int n = kinds.length - 1; n > 0; n--) {
      int j = random.nextInt(n + 1);
      Kind swap = kinds[n];
      kinds[n] = kinds[j];
      kinds[j] = swap;
    }
    return kinds;
  }

  /** The records lazily, 25 at a time. */
  private static Iterator<List<WriteRequest>> batches(SeedPlan plan, Kind[] kinds) {
    AtomicInteger next = new AtomicInteger();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return next.get() < kinds.length;
      }

      @Override
      public List<WriteRequest> next() {
        if (!hasNext()) throw new NoSuchElementException();
        int from = next.get();
        int to = Math.min(kinds.length, from + BATCH);
        next.set(to);
        List<WriteRequest> batch = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
          batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(plan, kinds[i], i)).build()).build());
        }
        return batch;
      }
    };
  }

  /** Record {@code index}: the same plan always gives the same record. */
  static Map<String, AttributeValue> item(SeedPlan plan, Kind kind, int index) {
    SplittableRandom random = new SplittableRandom(plan.seed() * 31 + index);
    Instant now = plan.now().truncatedTo(ChronoUnit.SECONDS);
    Instant started = switch (kind) {
      // Far from the 48 h line on both sides, so a run a few minutes later decides the same way.
      case EXPIRED, OLD_NOT_COMPLETED -> now.minus(MAX_AGE).minusSeconds(3_600 + random.nextLong(60L * 86_400));
      case RECENT -> now.minusSeconds(random.nextLong(47L * 3_600));
      case RUNNING, MISSING_START, GARBAGE_START -> now.minusSeconds(random.nextLong(60L * 86_400));
    };
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("WorkerId", AttributeValue.fromN(Integer.toString(index % WORKERS + 1)));
    // Unique per record: the index rides in the nanoseconds.
    item.put("StartTime", AttributeValue.fromS(RFC_3339.format(started.minusSeconds(5).plusNanos(index + 1))));
    switch (kind) {
      case MISSING_START -> { }
      case GARBAGE_START -> item.put("StartExecutionTime", index % 4 == 1
          ? AttributeValue.fromN(Long.toString(started.getEpochSecond())) // a number, not a timestamp string
          : AttributeValue.fromS("not-a-date-" + index));
      default -> item.put("StartExecutionTime", AttributeValue.fromS(RFC_3339.format(started)));
    }
    boolean completed = kind != Kind.OLD_NOT_COMPLETED && kind != Kind.RUNNING;
    if (kind != Kind.RUNNING) {
      item.put("EndTime", AttributeValue.fromS(RFC_3339.format(started.plusSeconds(1 + random.nextLong(900)))));
    }
    item.put("PaginationToken", AttributeValue.fromS(Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong())));
    String flag = completed ? "1" : "0";
    item.put("Completed", completedAsString(plan, index) ? AttributeValue.fromS(flag) : AttributeValue.fromN(flag));
    return item;
  }

  /** About a third of the records are old-style, with Completed as a string. */
  private static boolean completedAsString(SeedPlan plan, int index) {
    return new SplittableRandom(plan.seed() * 17 + index).nextInt(3) == 0;
  }
}
