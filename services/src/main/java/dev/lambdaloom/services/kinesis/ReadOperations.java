package dev.lambdaloom.services.kinesis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.regex.Pattern;

/** GetShardIterator and GetRecords. */
final class ReadOperations {
  private static final int MAX_LIMIT = 10_000;
  private static final long MAX_READ_BYTES = 10L << 20;
  private static final Pattern ITERATOR_TYPE =
      Pattern.compile("AT_SEQUENCE_NUMBER|AFTER_SEQUENCE_NUMBER|TRIM_HORIZON|LATEST|AT_TIMESTAMP");

  private final Streams streams;

  ReadOperations(Streams streams) {
    this.streams = streams;
  }

  ObjectNode getShardIterator(RequestFields request) throws KinesisFailure {
    Stream stream = streams.find(request.streamName());
    Shard shard = stream.shard(request.requiredString("ShardId", 1, 128, RequestFields.NAME), Streams.ACCOUNT);
    String type = request.requiredString("ShardIteratorType", 1, 32, ITERATOR_TYPE);
    long position = switch (type) {
      case "TRIM_HORIZON" -> 0;
      case "LATEST" -> shard.tip();
      case "AT_SEQUENCE_NUMBER" -> storedPosition(request, type, stream, shard);
      case "AFTER_SEQUENCE_NUMBER" -> storedPosition(request, type, stream, shard) + 1;
      case "AT_TIMESTAMP" -> shard.positionAt(request.optionalInstant("Timestamp").orElseThrow(
          () -> new KinesisFailure(KinesisError.INVALID_ARGUMENT, "Must specify timestampInMillis parameter for"
              + " iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.")));
      default -> throw new IllegalStateException("the pattern admits " + type);
    };
    ObjectNode answer = StreamOperations.object();
    answer.put("ShardIterator", new ShardIterator(stream.name(), stream.incarnation(), shard.index(), position,
        streams.clock().instant()).encode());
    return answer;
  }

  ObjectNode getRecords(RequestFields request) throws KinesisFailure {
    ShardIterator iterator = ShardIterator.decode(request.requiredString("ShardIterator", 1, 512, null));
    int limit = request.optionalInt("Limit", 1, MAX_LIMIT).orElse(MAX_LIMIT);
    Instant now = streams.clock().instant();
    iterator.requireFresh(now);
    Stream stream = streams.find(iterator.streamName());
    if (stream.incarnation() != iterator.incarnation()) {
      throw new KinesisFailure(KinesisError.RESOURCE_NOT_FOUND, "The shard iterator belongs to an earlier stream "
          + iterator.streamName() + ", deleted since; this one is another stream of the same name");
    }
    Shard.Batch batch = stream.shard(iterator.shardIndex()).read(iterator.position(), limit, MAX_READ_BYTES, now);
    ObjectNode answer = StreamOperations.object();
    ArrayNode records = answer.putArray("Records");
    for (StoredRecord record : batch.records()) {
      ObjectNode node = records.addObject();
      node.put("SequenceNumber", record.sequenceNumber().text());
      node.putPOJO("ApproximateArrivalTimestamp", new EpochTimestamp(record.arrival()));
      node.put("Data", record.data());
      node.put("PartitionKey", record.partitionKey());
    }
    answer.put("NextShardIterator", iterator.at(batch.next(), now).encode());
    answer.put("MillisBehindLatest", batch.millisBehindLatest());
    return answer;
  }

  /** The position of the record a sequence number names, which must be one this shard gave. */
  private static long storedPosition(RequestFields request, String type, Stream stream, Shard shard)
      throws KinesisFailure {
    String text = request.optionalString("StartingSequenceNumber", 1, 129, null).orElseThrow(
        () -> new KinesisFailure(KinesisError.INVALID_ARGUMENT, "StartingSequenceNumber is required for iterator"
            + " type " + type));
    SequenceNumber number = SequenceNumber.parse(text, "startingSequenceNumber");
    if (number.shardIndex() != shard.index() || number.position() >= shard.tip()) {
      throw new KinesisFailure(KinesisError.INVALID_ARGUMENT, "StartingSequenceNumber " + text + " used in"
          + " GetShardIterator on shard " + shard.id() + " in stream " + stream.name() + " under account "
          + Streams.ACCOUNT + " is invalid because it did not come from this shard.");
    }
    return number.position();
  }
}
