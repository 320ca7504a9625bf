package dev.lambdaloom.eventkit;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The table an {@link IdempotencyStore} keeps its claims in: string partition key {@value #ID}, no sort key, and
 * {@value #EXPIRES_AT} (a number, epoch seconds) as its time-to-live attribute, so DynamoDB deletes what is no longer
 * kept. An item is {@value #ID} (S), {@value #STATUS} (S: {@value #IN_PROGRESS} or {@value #COMPLETED}),
 * {@value #IN_PROGRESS_UNTIL} (N, epoch milliseconds; in-progress claims only) and {@value #EXPIRES_AT}.
 */
public final class IdempotencyTable {
  public static final String ID = "id";
  public static final String STATUS = "status";
  public static final String IN_PROGRESS_UNTIL = "inProgressUntil";
  public static final String EXPIRES_AT = "expiresAt";
  public static final String IN_PROGRESS = "IN_PROGRESS";
  public static final String COMPLETED = "COMPLETED";

  private IdempotencyTable() {}

  /**
   * Creates the table (on-demand capacity) with its time-to-live on {@value #EXPIRES_AT}, and waits until it is
   * active; for tests and local runs (a deployment declares it in its template).
   */
  public static void create(DynamoDbClient client, String tableName) {
    client.createTable(b -> b.tableName(tableName)
        .keySchema(KeySchemaElement.builder().attributeName(ID).keyType(KeyType.HASH).build())
        .attributeDefinitions(
            AttributeDefinition.builder().attributeName(ID).attributeType(ScalarAttributeType.S).build())
        .billingMode(BillingMode.PAY_PER_REQUEST));
    client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
    client.updateTimeToLive(b -> b.tableName(tableName)
        .timeToLiveSpecification(t -> t.attributeName(EXPIRES_AT).enabled(true)));
  }
}
