package dev.lambdaloom.functions.readings;

import static dev.lambdaloom.functions.readings.KinesisEvents.event;
import static dev.lambdaloom.functions.readings.KinesisEvents.record;
import static dev.lambdaloom.functions.readings.KinesisEvents.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.InvalidSettingException;
import dev.lambdaloom.readingformat.ReadingJson;
import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import dev.lambdaloom.snapstart.RestorableCredentials;
import dev.lambdaloom.snapstart.SnapStartHooks;
import dev.lambdaloom.services.dynamodb.TableSpec;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The handler in-process against DynamoDB Local, with Kinesis events as the runtime hands them over: aggregates
 * checked against sums computed here from the same readings, a redelivered batch that changes nothing, malformed
 * records that fail alone by sequence number, and each device's readings applied in stream order.
 */
class ReadingsHandlerTest {
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static DynamoDbLocal dynamo;

  private String table;
  private ReadingsHandler handler;

  @BeforeAll
  static void start() {
    dynamo = DynamoDbLocal.start();
  }

  @AfterAll
  static void stop() {
    dynamo.close();
  }

  @BeforeEach
  void freshTable() {
    table = "Devices" + RUNS.incrementAndGet();
    TableSpec.parse(table + ":deviceId:S").create(dynamo.client());
    handler = new ReadingsHandler(dynamo.client(), Map.of("DEVICE_TABLE", table));
  }

  private static List<String> failures(StreamsEventResponse response) {
    return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
  }

  /** Delivers with a minute to go; the handler's log lines go to {@code log}. */
  private static StreamsEventResponse deliver(ReadingsHandler to, KinesisEvent event, List<String> log) {
    return to.handle(event, Deadline.after(Duration.ofMinutes(1)), log::add);
  }

  private StreamsEventResponse deliver(KinesisEvent event) {
    return deliver(handler, event, new CopyOnWriteArrayList<>());
  }

  private Map<String, AttributeValue> device(String id) {
    return dynamo.client().getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of("deviceId", AttributeValue.fromS(id)))).item();
  }

  private List<Map<String, AttributeValue>> devices() {
    return dynamo.client().scan(b -> b.tableName(table).consistentRead(true)).items();
  }

  /** What the item of a device must hold after {@code readings}, in order, computed without the function's code. */
  private static void assertAggregate(Map<String, AttributeValue> item, List<long[]> readings, String lastDatetime,
      String lastSequence) {
    long[] all = readings.stream().flatMapToLong(Arrays::stream).toArray();
    assertThat(item.get("readingCount").n()).isEqualTo(Integer.toString(readings.size()));
    assertThat(item.get("valueCount").n()).isEqualTo(Integer.toString(all.length));
    assertThat(item.get("minValue").n()).isEqualTo(Long.toString(Arrays.stream(all).min().orElseThrow()));
    assertThat(item.get("maxValue").n()).isEqualTo(Long.toString(Arrays.stream(all).max().orElseThrow()));
    assertThat(item.get("sumValues").n()).isEqualTo(
        Arrays.stream(all).mapToObj(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add).toString());
    assertThat(item.get("lastDatetime").s()).isEqualTo(lastDatetime);
    assertThat(item.get("lastValues").l()).extracting(AttributeValue::n)
        .containsExactlyElementsOf(Arrays.stream(readings.getLast()).mapToObj(Long::toString).toList());
    assertThat(item.get("lastSequenceNumber").s()).isEqualTo(lastSequence);
    assertThat(item.get("lastSequence").s()).hasSize(ShardSequence.MAX_DIGITS).endsWith(lastSequence);
  }

  /** The SnapStart hooks driven directly, as a CRaC JVM would around a snapshot, then a real batch. */
  @Test
  void aggregatesForRealAfterSnapStartHooksRunTwiceAndARestoreWithoutCheckpoint() {
    Map<String, String> environment = Map.of("DEVICE_TABLE", table, "PRIME_ON_INIT", "true");
    SnapStartHooks hooks = ReadingsHandler.snapStart(environment, RestorableCredentials.from(() -> environment));
    hooks.afterRestore(null);
    hooks.beforeCheckpoint(null);
    hooks.beforeCheckpoint(null);
    hooks.afterRestore(null);
    hooks.afterRestore(null);

    assertThat(failures(deliver(event(List.of(record("snap", sequence(1), ReadingJson.of(ReadingJson.datetime(1),
        5, 7))))))).isEmpty();

    assertAggregate(device("snap"), List.of(new long[] {5, 7}), ReadingJson.datetime(1), sequence(1));
    assertThat(devices()).hasSize(1); // priming wrote nothing
  }

  @Test
  void readingsOfSeveralDevicesAggregatePerDeviceWithTheLastReadingInStreamOrder() {
    SplittableRandom random = new SplittableRandom(7);
    Map<String, List<long[]>> sent = new HashMap<>();
    Map<String, Integer> lastIndex = new HashMap<>();
    List<KinesisEventRecord> records = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String device = "device-" + random.nextInt(5);
      long[] values = random.longs(1 + random.nextInt(20), -1_000_000, 1_000_000).toArray();
      if (i == 10) values[0] = Long.MAX_VALUE; // the sum goes past a long
      if (i == 11) values[0] = Long.MAX_VALUE;
      sent.computeIfAbsent(device, d -> new ArrayList<>()).add(values);
      lastIndex.put(device, i);
      records.add(record(device, sequence(i), ReadingJson.of(ReadingJson.datetime(i), values)));
    }

    assertThat(failures(deliver(event(records)))).isEmpty();

    assertThat(devices()).hasSize(sent.size());
    sent.forEach((device, readings) -> assertAggregate(device(device), readings,
        ReadingJson.datetime(lastIndex.get(device)), sequence(lastIndex.get(device))));
  }

  @Test
  void aRedeliveredBatchChangesNothing() {
    List<KinesisEventRecord> records = List.of(
        record("a", sequence(1), ReadingJson.of("2026-03-01T12:00:00", 1, 2)),
        record("a", sequence(2), ReadingJson.of("2026-03-01T12:01:00", 3)),
        record("b", sequence(3), ReadingJson.of("2026-03-01T12:02:00", -4)));
    assertThat(failures(deliver(event(records)))).isEmpty();
    List<Map<String, AttributeValue>> before = devices();

    List<String> again = new CopyOnWriteArrayList<>();
    assertThat(failures(deliver(handler, event(records), again))).isEmpty();

    assertThat(devices()).containsExactlyInAnyOrderElementsOf(before);
    assertAggregate(device("a"), List.of(new long[] {1, 2}, new long[] {3}), "2026-03-01T12:01:00", sequence(2));
    assertThat(again).contains(
        "readings: 3 records, 3 applied, 0 to deliver again; 0 readings added to their device, 3 already counted");
  }

  @Test
  void aBatchThatOverlapsOneAlreadyAppliedAddsOnlyTheNewReadings() {
    deliver(event(List.of(record("a", sequence(1), ReadingJson.of("2026-03-01T12:00:00", 10)),
        record("a", sequence(2), ReadingJson.of("2026-03-01T12:01:00", 20)))));

    assertThat(failures(deliver(event(List.of(record("a", sequence(2), ReadingJson.of("2026-03-01T12:01:00", 20)),
        record("a", sequence(3), ReadingJson.of("2026-03-01T12:02:00", 30))))))).isEmpty();

    assertAggregate(device("a"), List.of(new long[] {10}, new long[] {20}, new long[] {30}), "2026-03-01T12:02:00",
        sequence(3));
  }

  @Test
  void malformedRecordsAreItemFailuresWithTheirReasonWhileTheRestApply() {
    List<String> log = new CopyOnWriteArrayList<>();
    List<KinesisEventRecord> records = List.of(
        record("a", sequence(1), ReadingJson.of("2026-03-01T12:00:00", 5)),
        record("a", sequence(2), "{\"datetime\": \"yesterday\", \"values\": [1]}"),
        record("b", sequence(3), "not json at all"),
        record("a", sequence(4), ReadingJson.of("2026-03-01T12:03:00", 7)),
        record("c", sequence(5), new byte[0]),
        record("b", sequence(6), ReadingJson.of("2026-03-01T12:05:00", -2)));

    StreamsEventResponse response = deliver(handler, event(records), log);

    assertThat(failures(response)).containsExactly(sequence(2), sequence(3), sequence(5));
    assertAggregate(device("a"), List.of(new long[] {5}, new long[] {7}), "2026-03-01T12:03:00", sequence(4));
    assertAggregate(device("b"), List.of(new long[] {-2}), "2026-03-01T12:05:00", sequence(6));
    assertThat(device("c")).isEmpty();
    assertThat(log).contains(
        "readings: record " + sequence(2) + " malformed: not a reading (datetime_not_iso8601): datetime is not an "
            + "ISO-8601 date-time: \"yesterday\"",
        "readings: record " + sequence(5) + " malformed: not a reading (truncated): empty document");

    // Lambda delivers again from the first failure: the malformed ones fail again, the rest are already counted.
    StreamsEventResponse retry = deliver(event(records.subList(1, records.size())));
    assertThat(failures(retry)).containsExactly(sequence(2), sequence(3), sequence(5));
    assertAggregate(device("a"), List.of(new long[] {5}, new long[] {7}), "2026-03-01T12:03:00", sequence(4));
  }

  @Test
  void whenDynamoDbRefusesEveryReadingIsAnItemFailureNotACrash() {
    ReadingsHandler toMissingTable = new ReadingsHandler(dynamo.client(), Map.of("DEVICE_TABLE", "NoSuchDevices"));
    List<String> log = new CopyOnWriteArrayList<>();

    StreamsEventResponse response = deliver(toMissingTable, event(List.of(
        record("a", sequence(1), ReadingJson.of("2026-03-01T12:00:00", 5)),
        record("a", sequence(2), ReadingJson.of("2026-03-01T12:01:00", 6)))), log);

    assertThat(failures(response)).containsExactly(sequence(1), sequence(2));
    assertThat(String.join("", log)).contains("readings: record " + sequence(1) + " failed: ")
        .contains("ResourceNotFoundException")
        .contains("readings: record " + sequence(2) + " not applied: record " + sequence(1) + " of its device failed before it");
  }

  @Test
  void withoutItsSettingsTheInvocationFailsBeforeTouchingAnything() {
    ReadingsHandler unconfigured = new ReadingsHandler(dynamo.client(), Map.of());

    assertThatThrownBy(() -> deliver(unconfigured, event(List.of()), new ArrayList<>()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("DEVICE_TABLE is not set: it must be the device table's name");
  }
}
