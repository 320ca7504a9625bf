package dev.lambdaloom.functions.audit;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The audit table: one item per change, partition key {@code pk} the item's {@link CanonicalKey#segment()}, sort key
 * {@code sk} the record's {@link StreamSequence#sortKey()}, so an item's history reads in stream order. Each item is
 * written once: a conditional put that finds the item there means an earlier delivery wrote it.
 */
final class AuditTable {
  static final String PARTITION_KEY = "pk";
  static final String SORT_KEY = "sk";

  private final DynamoDbClient dynamodb;
  private final String table;
  private final Clock clock;

  AuditTable(DynamoDbClient dynamodb, String table, Clock clock) {
    this.dynamodb = dynamodb;
    this.table = table;
    this.clock = clock;
  }

  /** @param archivedTo where the removed item was archived ({@code s3://bucket/key}), for a REMOVE */
  AuditWrite write(Change change, Optional<String> archivedTo) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PARTITION_KEY, AttributeValue.fromS(change.item().canonical().segment()));
    item.put(SORT_KEY, AttributeValue.fromS(change.origin().sequence().sortKey()));
    item.put("table", AttributeValue.fromS(change.origin().table()));
    item.put("sequenceNumber", AttributeValue.fromS(change.origin().sequence().digits()));
    item.put("eventName", AttributeValue.fromS(change.kind().name()));
    item.put("canonicalKey", AttributeValue.fromS(change.item().canonical().text()));
    item.put("keys", AttributeValue.fromS(change.item().json()));
    change.origin().eventId().ifPresent(id -> item.put("eventId", AttributeValue.fromS(id)));
    change.origin().approximateCreation()
        .ifPresent(at -> item.put("approximateCreationTime", AttributeValue.fromS(at.toString())));
    change.images().before().ifPresent(json -> item.put("oldImage", AttributeValue.fromS(json)));
    change.images().after().ifPresent(json -> item.put("newImage", AttributeValue.fromS(json)));
    archivedTo.ifPresent(uri -> item.put("archivedTo", AttributeValue.fromS(uri)));
    item.put("auditedAt", AttributeValue.fromS(clock.instant().toString()));
    try {
      dynamodb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(" + PARTITION_KEY + ")"));
      return new AuditWrite.Written();
    } catch (ConditionalCheckFailedException alreadyThere) {
      return new AuditWrite.AlreadyWritten();
    }
  }
}
