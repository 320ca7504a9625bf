package dev.lambdaloom.functions.audit;

import static dev.lambdaloom.functions.audit.StreamEvents.event;
import static dev.lambdaloom.functions.audit.StreamEvents.insert;
import static dev.lambdaloom.functions.audit.StreamEvents.item;
import static dev.lambdaloom.functions.audit.StreamEvents.key;
import static dev.lambdaloom.functions.audit.StreamEvents.modify;
import static dev.lambdaloom.functions.audit.StreamEvents.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.InvalidSettingException;
import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import dev.lambdaloom.services.dynamodb.TableSpec;
import dev.lambdaloom.services.s3.S3Server;
import dev.lambdaloom.snapstart.RestorableCredentials;
import dev.lambdaloom.snapstart.SnapStartHooks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The handler in-process against DynamoDB Local and the S3 server, with events as the runtime hands them over: what
 * each kind of change leaves behind, that a batch delivered again changes nothing, that bad records fail alone by
 * their sequence numbers, and that an item's records apply in stream order.
 */
class AuditHandlerTest {
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String T1 = "2026-01-01T00:00:00.000000001Z";
  private static final String T2 = "2026-01-02T00:00:00.000000002Z";
  private static DynamoDbLocal dynamo;
  private static S3Server s3Server;
  private static S3Client s3;

  private String table;
  private String bucket;
  private AuditHandler handler;

  @BeforeAll
  static void start() throws Exception {
    dynamo = DynamoDbLocal.start();
    s3Server = S3Server.start();
    s3 = s3Server.newClient();
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    s3Server.close();
    dynamo.close();
  }

  @BeforeEach
  void freshTableAndBucket() {
    int run = RUNS.incrementAndGet();
    table = "Audit" + run;
    bucket = "archive-" + run;
    TableSpec.parse(table + ":pk:S:sk:S").create(dynamo.client());
    s3Server.createBucket(bucket);
    handler = handler(Map.of("AUDIT_TABLE", table, "ARCHIVE_BUCKET", bucket));
  }

  private static AuditHandler handler(Map<String, String> environment) {
    return new AuditHandler(dynamo.client(), s3, environment, new TickingClock(Instant.parse("2026-03-02T00:00:00Z")));
  }

  /** Delivers with a minute to go; the handler's log lines go to {@code log}. */
  private StreamsEventResponse deliver(AuditHandler to, DynamodbEvent event, List<String> log) {
    return to.handle(event, Deadline.after(Duration.ofMinutes(1)), log::add);
  }

  private StreamsEventResponse deliver(DynamodbEvent event) {
    return deliver(handler, event, new CopyOnWriteArrayList<>());
  }

  private static List<String> failures(StreamsEventResponse response) {
    return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
  }

  /** The audit items of one Workers item, in sort key (stream) order. */
  private List<Map<String, AttributeValue>> history(int workerId, String startTime) throws Exception {
    String pk = CanonicalKey.of(key(workerId, startTime)).segment();
    return dynamo.client().query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))).consistentRead(true)).items();
  }

  private List<S3Object> archived() {
    return s3.listObjectsV2(b -> b.bucket(bucket).prefix("archive/")).contents();
  }

  private String archivedBody(String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
  }

  private static String text(Map<String, AttributeValue> item, String attribute) {
    AttributeValue value = item.get(attribute);
    return value == null ? null : value.s();
  }

  /** The SnapStart hooks driven directly, as a CRaC JVM would around a snapshot, then a real batch. */
  @Test
  void auditsForRealAfterSnapStartHooksRunTwiceAndARestoreWithoutCheckpoint() throws Exception {
    Map<String, String> environment = Map.of("AUDIT_TABLE", table, "ARCHIVE_BUCKET", bucket, "PRIME_ON_INIT", "true");
    SnapStartHooks hooks = AuditHandler.snapStart(environment, RestorableCredentials.from(() -> environment));
    hooks.afterRestore(null);
    hooks.beforeCheckpoint(null);
    hooks.beforeCheckpoint(null);
    hooks.afterRestore(null);
    hooks.afterRestore(null);
    var created = item(9, T1, "1", "done");

    StreamsEventResponse response = deliver(event(insert("100", created), remove("200", created)));

    assertThat(failures(response)).isEmpty();
    assertThat(history(9, T1)).extracting(item -> text(item, "eventName")).containsExactly("INSERT", "REMOVE");
    assertThat(archived()).hasSize(1);
  }

  @Test
  void insertModifyAndRemoveEachBecomeAnAuditItemAndTheRemovalIsArchived() throws Exception {
    var created = item(7, T1, "0", "started");
    var finished = item(7, T1, "1", "finished");
    var other = item(8, T2, "0", "other");

    StreamsEventResponse response = deliver(event(insert("100", created), insert("150", other),
        modify("200", created, finished), remove("300", finished)));

    assertThat(failures(response)).isEmpty();
    List<Map<String, AttributeValue>> history = history(7, T1);
    assertThat(history).extracting(item -> text(item, "eventName")).containsExactly("INSERT", "MODIFY", "REMOVE");
    assertThat(history).extracting(item -> text(item, "sequenceNumber")).containsExactly("100", "200", "300");
    assertThat(history).extracting(item -> text(item, "sk"))
        .containsExactly("0".repeat(37) + "100", "0".repeat(37) + "200", "0".repeat(37) + "300");
    Map<String, AttributeValue> insertItem = history.get(0);
    assertThat(text(insertItem, "table")).isEqualTo("Workers");
    assertThat(text(insertItem, "keys")).isEqualTo("{\"StartTime\":\"" + T1 + "\",\"WorkerId\":7}");
    assertThat(text(insertItem, "approximateCreationTime")).isEqualTo(StreamEvents.CREATED.toString());
    assertThat(text(insertItem, "newImage"))
        .isEqualTo("{\"Completed\":0,\"Note\":\"started\",\"StartTime\":\"" + T1 + "\",\"WorkerId\":7}");
    assertThat(insertItem).doesNotContainKeys("oldImage", "archivedTo");
    Map<String, AttributeValue> modifyItem = history.get(1);
    assertThat(text(modifyItem, "oldImage")).contains("\"Note\":\"started\"");
    assertThat(text(modifyItem, "newImage")).contains("\"Note\":\"finished\"");
    Map<String, AttributeValue> removeItem = history.get(2);
    assertThat(removeItem).doesNotContainKey("newImage");
    assertThat(text(removeItem, "oldImage")).contains("\"Completed\":1");
    assertThat(history(8, T2)).hasSize(1);

    String archiveKey = "archive/Workers/StartTime=S:" + T1 + ",WorkerId=N:7/300.json";
    assertThat(text(removeItem, "archivedTo")).isEqualTo("s3://" + bucket + "/" + archiveKey);
    assertThat(archived()).extracting(S3Object::key).containsExactly(archiveKey);
    JsonNode document = JSON.readTree(archivedBody(archiveKey));
    assertThat(document.get("table").asText()).isEqualTo("Workers");
    assertThat(document.get("eventName").asText()).isEqualTo("REMOVE");
    assertThat(document.get("sequenceNumber").asText()).isEqualTo("300");
    assertThat(document.get("keys")).isEqualTo(JSON.readTree("{\"StartTime\":\"" + T1 + "\",\"WorkerId\":7}"));
    assertThat(document.get("oldImage")).isEqualTo(
        JSON.readTree("{\"Completed\":1,\"Note\":\"finished\",\"StartTime\":\"" + T1 + "\",\"WorkerId\":7}"));
  }

  @Test
  void aBatchDeliveredTwiceWritesNoAuditItemTwiceAndArchivesEachRemovalOnce() throws Exception {
    var first = item(1, T1, "1", "one");
    var second = item(2, T2, "1", "two");
    DynamodbEvent batch = event(insert("10", first), remove("20", first), remove("30", second));

    assertThat(failures(deliver(batch))).isEmpty();
    List<Map<String, AttributeValue>> firstHistory = history(1, T1);
    Map<String, String> bodies = new HashMap<>();
    for (S3Object object : archived()) bodies.put(object.key(), archivedBody(object.key()));

    List<String> again = new CopyOnWriteArrayList<>();
    assertThat(failures(deliver(handler, batch, again))).isEmpty();

    assertThat(history(1, T1)).as("the same items, not written again (auditedAt unchanged)").isEqualTo(firstHistory);
    assertThat(history(2, T2)).hasSize(1);
    assertThat(archived()).hasSize(2).allSatisfy(object -> assertThat(archivedBody(object.key())).isEqualTo(bodies.get(object.key())));
    assertThat(String.join("", again)).contains("0 audit items written, 3 already there, 2 removals archived");
  }

  @Test
  void badRecordsFailAloneByTheirSequenceNumbersWhileTheOthersApply() throws Exception {
    DynamodbStreamRecord unknownEvent = StreamEvents.record("UPSERT", "2", key(2, T1), null, item(2, T1, "0", "x"));
    DynamodbStreamRecord removeWithoutImage = StreamEvents.record("REMOVE", "3", key(3, T1), null, null);
    DynamodbStreamRecord noKeys = StreamEvents.record("INSERT", "4", null, null, item(4, T1, "0", "x"));
    List<String> log = new CopyOnWriteArrayList<>();

    StreamsEventResponse response = deliver(handler, event(insert("1", item(1, T1, "0", "a")), unknownEvent,
        removeWithoutImage, noKeys, insert("5", item(5, T1, "0", "e"))), log);

    assertThat(failures(response)).containsExactly("2", "3", "4");
    assertThat(history(1, T1)).hasSize(1);
    assertThat(history(5, T1)).hasSize(1);
    assertThat(history(2, T1)).isEmpty();
    assertThat(history(3, T1)).isEmpty();
    assertThat(archived()).isEmpty();
    assertThat(log).contains(
        "audit: record 2 rejected: eventName 'UPSERT' is not INSERT, MODIFY or REMOVE",
        "audit: record 3 rejected: REMOVE without OldImage: nothing to archive (the stream's view type must be "
            + "NEW_AND_OLD_IMAGES or OLD_IMAGE, it is NEW_AND_OLD_IMAGES)",
        "audit: record 4 rejected: no Keys");
  }

  @Test
  void anItemsRecordsApplyInStreamOrderWhileOtherItemsRunBeside() throws Exception {
    List<DynamodbStreamRecord> records = new ArrayList<>();
    var before = item(9, T1, "0", "v0");
    for (int version = 1; version <= 6; version++) {
      var after = item(9, T1, "0", "v" + version);
      records.add(modify(Integer.toString(1000 + version * 10), before, after));
      records.add(insert(Integer.toString(1000 + version * 10 + 1), item(100 + version, T2, "0", "other")));
      before = after;
    }

    assertThat(failures(deliver(event(records.toArray(DynamodbStreamRecord[]::new))))).isEmpty();

    List<Map<String, AttributeValue>> history = history(9, T1);
    assertThat(history).extracting(item -> text(item, "newImage"))
        .allSatisfy(image -> assertThat(image).startsWith("{\"Completed\":0,\"Note\":\"v"));
    assertThat(history).extracting(item -> text(item, "auditedAt")).as("written in stream order").isSorted();
    assertThat(text(history.getLast(), "newImage")).contains("\"Note\":\"v6\"");
  }

  @Test
  void aBadRecordDoesNotHoldBackTheLaterRecordsOfItsItem() throws Exception {
    var item = item(11, T1, "0", "a");
    DynamodbStreamRecord broken = modify("21", item, StreamEvents.withUntyped(item(11, T1, "0", "a"), "Completed"));

    StreamsEventResponse response = deliver(event(insert("20", item), broken, remove("22", item)));

    assertThat(failures(response)).as("it would fail on every delivery").containsExactly("21");
    assertThat(history(11, T1)).extracting(i -> text(i, "sequenceNumber")).containsExactly("20", "22");
    assertThat(archived()).hasSize(1);
  }

  @Test
  void afterAWriteOfAnItemFailsItsLaterRecordsWaitForTheRedelivery() throws Exception {
    var item = item(12, T1, "0", "a");
    // Two images of 250 KB: the audit item would be over DynamoDB's 400 KB item limit, and the put fails.
    var big = item(12, T1, "0", "x".repeat(250_000));
    var bigger = item(12, T1, "1", "y".repeat(250_000));
    List<String> log = new CopyOnWriteArrayList<>();

    StreamsEventResponse response = deliver(handler, event(insert("30", item), modify("31", big, bigger),
        remove("32", bigger), insert("33", item(13, T1, "0", "b"))), log);

    assertThat(failures(response)).containsExactly("31", "32");
    assertThat(history(12, T1)).extracting(i -> text(i, "sequenceNumber")).containsExactly("30");
    assertThat(history(13, T1)).hasSize(1);
    assertThat(archived()).as("the removal waits for the record before it").isEmpty();
    assertThat(String.join("", log)).contains("audit: record 31 failed: ")
        .contains("audit: record 32 not applied: record 31 of its item failed before it");
  }

  @Test
  void whenDynamoDbRefusesEveryRecordIsAnItemFailureNotACrash() throws Exception {
    AuditHandler toMissingTable = handler(Map.of("AUDIT_TABLE", "NoSuchAuditTable", "ARCHIVE_BUCKET", bucket));
    List<String> log = new CopyOnWriteArrayList<>();

    StreamsEventResponse response = deliver(toMissingTable,
        event(insert("1", item(1, T1, "0", "a")), insert("2", item(2, T1, "0", "b"))), log);

    assertThat(failures(response)).containsExactly("1", "2");
    assertThat(String.join("", log)).contains("audit: record 1 failed: ")
        .contains("ResourceNotFoundException");
  }

  @Test
  void withoutItsSettingsTheInvocationFailsBeforeTouchingAnything() {
    AuditHandler unconfigured = handler(Map.of("ARCHIVE_BUCKET", bucket));

    assertThatThrownBy(() -> deliver(unconfigured, event(insert("1", item(1, T1, "0", "a"))), new ArrayList<>()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("AUDIT_TABLE is not set: it must be the audit table's name");
  }

  @Test
  void noRecordStartsAfterTheDeadlineAndEachIsReportedForRedelivery() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();

    StreamsEventResponse response = handler.handle(event(insert("1", item(1, T1, "0", "a"))), Deadline.after(Duration.ZERO), log::add);

    assertThat(failures(response)).containsExactly("1");
    assertThat(history(1, T1)).isEmpty();
    assertThat(log).contains("audit: record 1 not started: too close to the timeout");
  }
}
