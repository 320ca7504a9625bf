package dev.lambdaloom.services.kinesis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * PutRecord and PutRecords. A record that does not fit the retention bound is refused, never dropped: PutRecord fails
 * with LimitExceededException, PutRecords reports it in its entry (error code LimitExceededException: Kinesis's own
 * per-record codes, ProvisionedThroughputExceededException and InternalFailure, promise that a retry soon succeeds,
 * which here it would not until a stream is deleted).
 */
final class WriteOperations {
  private static final int MAX_BATCH_RECORDS = 500;
  private static final long MAX_BATCH_BYTES = 5L << 20;

  private final Streams streams;

  WriteOperations(Streams streams) {
    this.streams = streams;
  }

  ObjectNode putRecord(RequestFields request) throws KinesisFailure {
    Stream stream = streams.find(request.streamName());
    RecordInput record = RecordInput.read(request);
    return switch (append(stream, record)) {
      case Append.Stored stored -> {
        ObjectNode answer = StreamOperations.object();
        answer.put("ShardId", stored.shardId());
        answer.put("SequenceNumber", stored.sequenceNumber().text());
        answer.put("EncryptionType", "NONE");
        yield answer;
      }
      case Append.Refused refused -> throw new KinesisFailure(KinesisError.LIMIT_EXCEEDED, refused.reason());
    };
  }

  /** Every record is checked before any is stored: a malformed one fails the whole request, as in Kinesis. */
  ObjectNode putRecords(RequestFields request) throws KinesisFailure {
    Stream stream = streams.find(request.streamName());
    List<RecordInput> records = new ArrayList<>();
    long size = 0;
    for (RequestFields entry : request.requiredObjects("Records", 1, MAX_BATCH_RECORDS)) {
      RecordInput record = RecordInput.read(entry);
      size += record.size();
      records.add(record);
    }
    if (size > MAX_BATCH_BYTES) {
      throw new KinesisFailure(KinesisError.INVALID_ARGUMENT, "Records size exceeds 5 MB limit: the " + records.size()
          + " records hold " + size + " bytes of data and partition keys, at most " + MAX_BATCH_BYTES + " allowed");
    }
    ObjectNode answer = StreamOperations.object();
    ArrayNode results = answer.putArray("Records");
    int failed = 0;
    for (RecordInput record : records) {
      ObjectNode result = results.addObject();
      switch (append(stream, record)) {
        case Append.Stored stored -> {
          result.put("SequenceNumber", stored.sequenceNumber().text());
          result.put("ShardId", stored.shardId());
        }
        case Append.Refused refused -> {
          failed++;
          result.put("ErrorCode", KinesisError.LIMIT_EXCEEDED.code());
          result.put("ErrorMessage", refused.reason());
        }
      }
    }
    answer.put("FailedRecordCount", failed);
    answer.put("EncryptionType", "NONE");
    return answer;
  }

  private Append append(Stream stream, RecordInput record) throws KinesisFailure {
    Shard shard = stream.shardFor(record.hashKey());
    return shard.append(record.partitionKey(), record.data(), streams.clock().instant(), streams.budget());
  }
}
