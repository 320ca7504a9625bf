package dev.lambdaloom.services.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynamoDbLocalTest {
  @Test
  void startsOnLoopbackAndServesTheSdkClient() {
    try (DynamoDbLocal dynamo = DynamoDbLocal.start()) {
      assertThat(dynamo.endpoint().getHost()).isEqualTo("127.0.0.1");
      dynamo.client().createTable(b -> b.tableName("Things")
          .attributeDefinitions(AttributeDefinition.builder().attributeName("k").attributeType(ScalarAttributeType.S).build())
          .keySchema(KeySchemaElement.builder().attributeName("k").keyType(KeyType.HASH).build())
          .billingMode(BillingMode.PAY_PER_REQUEST));
      assertThat(dynamo.client().listTables().tableNames()).containsExactly("Things");
    }
  }

  @Test
  void aClientWithOtherCredentialsAndRegionSeesTheTablesAnotherCreated() {
    try (DynamoDbLocal dynamo = DynamoDbLocal.start();
         DynamoDbClient other = DynamoDbClient.builder()
             .endpointOverride(dynamo.endpoint())
             .region(Region.EU_WEST_1)
             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("SomeoneElse", "other")))
             .httpClient(UrlConnectionHttpClient.create())
             .build()) {
      dynamo.client().createTable(b -> b.tableName("Shared")
          .attributeDefinitions(AttributeDefinition.builder().attributeName("k").attributeType(ScalarAttributeType.S).build())
          .keySchema(KeySchemaElement.builder().attributeName("k").keyType(KeyType.HASH).build())
          .billingMode(BillingMode.PAY_PER_REQUEST));
      dynamo.client().putItem(b -> b.tableName("Shared").item(Map.of("k", AttributeValue.fromS("written by the seeder"))));

      // A function inherits whatever credentials and region it is given: it must find the seeder's table and items.
      assertThat(other.listTables().tableNames()).containsExactly("Shared");
      assertThat(other.getItem(b -> b.tableName("Shared").key(Map.of("k", AttributeValue.fromS("written by the seeder"))))
          .hasItem()).isTrue();
    }
  }

  @Test
  void itsStoreThreadsCpuTimeGrowsWithTheWorkItDoes() {
    try (DynamoDbLocal dynamo = DynamoDbLocal.start()) {
      dynamo.client().createTable(b -> b.tableName("Things")
          .attributeDefinitions(AttributeDefinition.builder().attributeName("k").attributeType(ScalarAttributeType.S).build())
          .keySchema(KeySchemaElement.builder().attributeName("k").keyType(KeyType.HASH).build())
          .billingMode(BillingMode.PAY_PER_REQUEST));
      long before = dynamo.storeCpuNanos();
      for (int i = 0; i < 300; i++) {
        String key = "k" + i;
        dynamo.client().putItem(b -> b.tableName("Things").item(Map.of("k", AttributeValue.fromS(key))));
      }

      // The thread that runs SQLite for DynamoDB Local is found by name and did the writes.
      assertThat(before).isNotNegative();
      assertThat(dynamo.storeCpuNanos()).isGreaterThan(before);
    }
  }
}
