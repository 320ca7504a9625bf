package dev.lambdaloom.emulator.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * A Kinesis stream on the local Kinesis server, read through the Kinesis API. Records are given as Lambda delivers
 * them: {@code kinesis.data} in base64, the partition key, the sequence number, the arrival time in epoch seconds, and
 * {@code eventID = shardId:sequenceNumber}.
 */
public final class KinesisStreamSource implements ShardSource {
  /** GetRecords returns at most 10,000 records (Kinesis' limit). */
  static final int MAX_RECORDS_PER_READ = 10_000;

  private final KinesisClient kinesis;
  private final String streamName;
  private final String streamArn;
  private final String region;

  /**
   * @param kinesis the caller's client, left open by {@link #close()}
   * @param streamArn the ARN the records name as their {@code eventSourceARN}
   */
  public KinesisStreamSource(KinesisClient kinesis, String streamName, String streamArn, String region) {
    this.kinesis = kinesis;
    this.streamName = streamName;
    this.streamArn = streamArn;
    this.region = region;
  }

  @Override
  public List<String> shardIds() {
    List<String> ids = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListShardsResponse response = kinesis.listShards(b -> {
        if (next == null) {
          b.streamName(streamName);
        } else {
          b.nextToken(next);
        }
      });
      response.shards().stream().map(Shard::shardId).forEach(ids::add);
      token = response.nextToken();
    } while (token != null);
    return ids;
  }

  @Override
  public String iteratorAt(String shardId, StartingPosition position, Instant timestamp) {
    ShardIteratorType type = switch (position) {
      case TRIM_HORIZON -> ShardIteratorType.TRIM_HORIZON;
      case LATEST -> ShardIteratorType.LATEST;
      case AT_TIMESTAMP -> ShardIteratorType.AT_TIMESTAMP;
    };
    return kinesis.getShardIterator(b -> b.streamName(streamName).shardId(shardId).shardIteratorType(type)
        .timestamp(position == StartingPosition.AT_TIMESTAMP ? timestamp : null)).shardIterator();
  }

  @Override
  public String iteratorAfter(String shardId, String sequenceNumber) {
    return kinesis.getShardIterator(b -> b.streamName(streamName).shardId(shardId)
        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(sequenceNumber))
        .shardIterator();
  }

  @Override
  public ShardPage read(String shardId, String iterator, int limit) {
    GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(iterator)
        .limit(Math.min(limit, MAX_RECORDS_PER_READ)));
    List<ShardRecord> records = new ArrayList<>(response.records().size());
    for (Record record : response.records()) {
      records.add(toLambdaRecord(record, shardId));
    }
    return new ShardPage(records, response.nextShardIterator());
  }

  private ShardRecord toLambdaRecord(Record record, String shardId) {
    Instant arrival = record.approximateArrivalTimestamp() == null ? Instant.now()
        : record.approximateArrivalTimestamp();
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    ObjectNode kinesisPart = json.putObject("kinesis");
    kinesisPart.put("kinesisSchemaVersion", "1.0");
    kinesisPart.put("partitionKey", record.partitionKey());
    kinesisPart.put("sequenceNumber", record.sequenceNumber());
    kinesisPart.put("data", Base64.getEncoder().encodeToString(record.data().asByteArrayUnsafe()));
    kinesisPart.put("approximateArrivalTimestamp", BigDecimal.valueOf(arrival.toEpochMilli(), 3));
    json.put("eventSource", SourceKind.KINESIS.eventSource());
    json.put("eventVersion", "1.0");
    json.put("eventID", shardId + ":" + record.sequenceNumber());
    json.put("eventName", "aws:kinesis:record");
    json.put("invokeIdentityArn", "arn:aws:iam::123456789012:role/lambdaloom-function");
    json.put("awsRegion", region);
    json.put("eventSourceARN", streamArn);
    return ShardRecord.of(record.sequenceNumber(), record.partitionKey(), arrival, json);
  }

  @Override
  public void close() {
    // The client belongs to the caller.
  }
}
