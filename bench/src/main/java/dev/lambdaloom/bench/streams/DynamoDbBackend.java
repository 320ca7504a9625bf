package dev.lambdaloom.bench.streams;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdaloom.emulator.events.DynamoDbStreamSource;
import dev.lambdaloom.emulator.events.ShardRecord;
import dev.lambdaloom.emulator.events.ShardSource;
import dev.lambdaloom.emulator.events.SourceKind;
import dev.lambdaloom.services.ServiceEndpoints;
import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Tables with streams in DynamoDB Local, in this JVM. A record is a put of item {@code pk} with version {@code v}; its
 * id is {@code pk#v}, read back from the stream record's NewImage. Each key's versions are written one after
 * another, so the stream holds them in that order as modifications of one item.
 */
final class DynamoDbBackend implements StreamBackend {
  /** BatchWriteItem takes at most 25 puts, of different items (DynamoDB's limits). */
  private static final int PUTS_PER_BATCH = 25;
  private static final int MAX_RECORDS_PER_READ = 1000;

  private final DynamoDbLocal server;
  private final DynamoDbClient tables;
  private final DynamoDbStreamsClient streams;

  private DynamoDbBackend(DynamoDbLocal server, DynamoDbStreamsClient streams) {
    this.server = server;
    this.tables = server.client();
    this.streams = streams;
  }

  static DynamoDbBackend start() {
    DynamoDbLocal server = DynamoDbLocal.start();
    DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(server.endpoint())
        .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            ServiceEndpoints.PLACEHOLDER_CREDENTIAL, ServiceEndpoints.PLACEHOLDER_CREDENTIAL)))
        .httpClient(UrlConnectionHttpClient.create()).build();
    return new DynamoDbBackend(server, streams);
  }

  @Override
  public SourceKind kind() {
    return SourceKind.DYNAMODB;
  }

  @Override
  public String describe() {
    return "DynamoDB Local in this JVM (" + server.endpoint() + "), its own streams (NEW_IMAGE)";
  }

  @Override
  public int maxRecordsPerRead() {
    return MAX_RECORDS_PER_READ;
  }

  @Override
  public String create(String name) {
    tables.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
    return "arn:aws:dynamodb:us-east-1:123456789012:table/" + name + "/stream/lambdaloom";
  }

  @Override
  public ShardSource source(String name, String arn) {
    return DynamoDbStreamSource.open(tables, streams, name, arn, "us-east-1");
  }

  @Override
  public List<String> writeRecords(String name, int records, int keys) {
    List<String> ids = new ArrayList<>(records);
    List<WriteRequest> puts = new ArrayList<>(PUTS_PER_BATCH);
    for (int i = 0; i < records; i++) {
      String key = "key-" + i % keys;
      int version = i / keys + 1;
      puts.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(key, version)).build()).build());
      ids.add(key + "#" + version);
      // A batch ends with a round of keys too, so no batch holds two versions of one item.
      if (puts.size() == PUTS_PER_BATCH || i == records - 1 || (i + 1) % keys == 0) {
        write(name, List.copyOf(puts));
        puts.clear();
      }
    }
    return ids;
  }

  /** Writes one batch; what DynamoDB leaves unprocessed is written again, still before the next batch. */
  private void write(String name, List<WriteRequest> puts) {
    Map<String, List<WriteRequest>> pending = Map.of(name, puts);
    while (!pending.isEmpty()) {
      Map<String, List<WriteRequest>> request = pending;
      BatchWriteItemResponse response = tables.batchWriteItem(b -> b.requestItems(request));
      pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
    }
  }

  @Override
  public String writeOne(String name, int number) {
    String key = "single-" + number;
    tables.putItem(b -> b.tableName(name).item(item(key, 1)));
    return key + "#1";
  }

  private static Map<String, AttributeValue> item(String key, int version) {
    return Map.of("pk", AttributeValue.fromS(key), "v", AttributeValue.fromN(Integer.toString(version)));
  }

  @Override
  public String idOf(ShardRecord record) {
    JsonNode image = record.json().path("dynamodb").path("NewImage");
    return image.path("pk").path("S").asText() + "#" + image.path("v").path("N").asText();
  }

  @Override
  public long storeCpuNanos() {
    return server.storeCpuNanos();
  }

  @Override
  public void close() {
    try {
      streams.close();
    } finally {
      server.close();
    }
  }
}
