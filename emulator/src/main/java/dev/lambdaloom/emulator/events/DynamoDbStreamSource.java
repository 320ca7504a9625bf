package dev.lambdaloom.emulator.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A table's stream in DynamoDB Local, read through its own DynamoDB Streams API. The records are given the template's
 * stream ARN ({@code eventSourceARN}) and region, as the function would see them on AWS; the local stream's own ARN
 * (DynamoDB Local labels it with the time the stream was enabled) is looked up from the table.
 */
public final class DynamoDbStreamSource implements ShardSource {
  /** GetRecords returns at most 1,000 records (DynamoDB Streams' limit). */
  static final int MAX_RECORDS_PER_READ = 1000;

  private final DynamoDbStreamsClient streams;
  private final String localStreamArn;
  private final String templateStreamArn;
  private final String region;

  private DynamoDbStreamSource(DynamoDbStreamsClient streams, String localStreamArn, String templateStreamArn,
      String region) {
    this.streams = streams;
    this.localStreamArn = localStreamArn;
    this.templateStreamArn = templateStreamArn;
    this.region = region;
  }

  /**
   * The stream of {@code tableName}. Fails with what to do when the table has no stream: the template's table
   * declares one (StreamSpecification), so a local table made without it does not match the template.
   */
  public static DynamoDbStreamSource open(DynamoDbClient tables, DynamoDbStreamsClient streams, String tableName,
      String templateStreamArn, String region) {
    String arn = tables.describeTable(b -> b.tableName(tableName)).table().latestStreamArn();
    if (arn == null) {
      throw new IllegalStateException("table " + tableName + " has no stream in the local DynamoDB; create it with"
          + " a StreamSpecification (StreamEnabled, StreamViewType) as the template declares it");
    }
    return new DynamoDbStreamSource(streams, arn, templateStreamArn, region);
  }

  @Override
  public List<String> shardIds() {
    List<String> ids = new ArrayList<>();
    String start = null;
    do {
      String from = start;
      DescribeStreamResponse response = streams.describeStream(b -> b.streamArn(localStreamArn)
          .exclusiveStartShardId(from));
      for (Shard shard : response.streamDescription().shards()) {
        ids.add(shard.shardId());
      }
      start = response.streamDescription().lastEvaluatedShardId();
    } while (start != null);
    return ids;
  }

  @Override
  public String iteratorAt(String shardId, StartingPosition position, Instant timestamp) {
    ShardIteratorType type = switch (position) {
      case TRIM_HORIZON -> ShardIteratorType.TRIM_HORIZON;
      case LATEST -> ShardIteratorType.LATEST;
      case AT_TIMESTAMP -> throw new IllegalArgumentException("DynamoDB streams have no AT_TIMESTAMP position");
    };
    return streams.getShardIterator(b -> b.streamArn(localStreamArn).shardId(shardId).shardIteratorType(type))
        .shardIterator();
  }

  @Override
  public String iteratorAfter(String shardId, String sequenceNumber) {
    return streams.getShardIterator(b -> b.streamArn(localStreamArn).shardId(shardId)
        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(sequenceNumber)).shardIterator();
  }

  @Override
  public ShardPage read(String shardId, String iterator, int limit) {
    GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(iterator)
        .limit(Math.min(limit, MAX_RECORDS_PER_READ)));
    List<ShardRecord> records = new ArrayList<>(response.records().size());
    for (Record record : response.records()) {
      records.add(toLambdaRecord(record));
    }
    return new ShardPage(records, response.nextShardIterator());
  }

  private ShardRecord toLambdaRecord(Record record) {
    StreamRecord change = record.dynamodb();
    Instant created = Objects.requireNonNullElse(change.approximateCreationDateTime(), Instant.now());
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("eventID", record.eventID());
    json.put("eventName", record.eventNameAsString());
    json.put("eventVersion", "1.1");
    json.put("eventSource", SourceKind.DYNAMODB.eventSource());
    json.put("awsRegion", region);
    ObjectNode dynamodb = json.putObject("dynamodb");
    dynamodb.put("ApproximateCreationDateTime", BigDecimal.valueOf(created.getEpochSecond()));
    dynamodb.set("Keys", DynamoDbJson.item(change.keys()));
    if (change.hasNewImage()) {
      dynamodb.set("NewImage", DynamoDbJson.item(change.newImage()));
    }
    if (change.hasOldImage()) {
      dynamodb.set("OldImage", DynamoDbJson.item(change.oldImage()));
    }
    dynamodb.put("SequenceNumber", change.sequenceNumber());
    dynamodb.put("SizeBytes", change.sizeBytes());
    dynamodb.put("StreamViewType", change.streamViewTypeAsString());
    json.put("eventSourceARN", templateStreamArn);
    return ShardRecord.of(change.sequenceNumber(),
        DynamoDbJson.canonicalKey(change.keys()), created, json);
  }

  @Override
  public void close() {
    // The clients belong to the caller.
  }
}
