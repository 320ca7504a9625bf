package dev.lambdaloom.services.kinesis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** CreateStream, DeleteStream, DescribeStream, DescribeStreamSummary, ListStreams and ListShards. */
final class StreamOperations {
  private static final int RETENTION_HOURS = 24;
  private static final int ON_DEMAND_SHARDS = 4;
  private static final Pattern MODE = Pattern.compile("PROVISIONED|ON_DEMAND");
  private static final Pattern SHARD_ID = Pattern.compile("[a-zA-Z0-9_.-]+");

  private final Streams streams;

  StreamOperations(Streams streams) {
    this.streams = streams;
  }

  ObjectNode createStream(RequestFields request) throws KinesisFailure {
    String name = request.requiredString("StreamName", 1, 128, RequestFields.NAME);
    Optional<Integer> shardCount = request.optionalInt("ShardCount", 1, 100_000);
    String mode = request.optionalObject("StreamModeDetails").isPresent()
        ? request.optionalObject("StreamModeDetails").get().requiredString("StreamMode", 1, 16, MODE)
        : "PROVISIONED";
    if (mode.equals("PROVISIONED") && shardCount.isEmpty()) {
      throw new KinesisFailure(KinesisError.VALIDATION, "ShardCount is required for a PROVISIONED stream");
    }
    streams.create(name, mode, shardCount.orElse(ON_DEMAND_SHARDS));
    return object();
  }

  ObjectNode deleteStream(RequestFields request) throws KinesisFailure {
    streams.delete(request.streamName());
    return object();
  }

  ObjectNode describeStream(RequestFields request) throws KinesisFailure {
    Stream stream = streams.find(request.streamName());
    int limit = request.optionalInt("Limit", 1, 10_000).orElse(100);
    Optional<String> exclusiveStart = request.optionalString("ExclusiveStartShardId", 1, 128, SHARD_ID);
    List<Shard> after = shardsAfter(stream, exclusiveStart);
    ObjectNode description = summary(stream);
    description.remove(List.of("OpenShardCount", "ConsumerCount"));
    ArrayNode shards = description.putArray("Shards");
    after.stream().limit(limit).forEach(shard -> shards.add(shard(shard)));
    description.put("HasMoreShards", after.size() > limit);
    ObjectNode answer = object();
    answer.set("StreamDescription", description);
    return answer;
  }

  ObjectNode describeStreamSummary(RequestFields request) throws KinesisFailure {
    ObjectNode answer = object();
    answer.set("StreamDescriptionSummary", summary(streams.find(request.streamName())));
    return answer;
  }

  ObjectNode listStreams(RequestFields request) throws KinesisFailure {
    int limit = request.optionalInt("Limit", 1, 10_000).orElse(100);
    Optional<String> after = request.optionalString("ExclusiveStartStreamName", 1, 128, RequestFields.NAME);
    Optional<String> token = request.optionalString("NextToken", 1, 1048576, null);
    if (token.isPresent()) {
      after = Optional.of(decodeToken(token.get(), "ListStreams"));
    }
    String start = after.orElse("");
    List<Stream> listed = streams.all().stream().filter(stream -> stream.name().compareTo(start) > 0).toList();
    List<Stream> page = listed.subList(0, Math.min(limit, listed.size()));
    ObjectNode answer = object();
    ArrayNode names = answer.putArray("StreamNames");
    ArrayNode summaries = answer.putArray("StreamSummaries");
    for (Stream stream : page) {
      names.add(stream.name());
      ObjectNode summary = summaries.addObject();
      summary.put("StreamName", stream.name());
      summary.put("StreamARN", stream.arn());
      summary.put("StreamStatus", "ACTIVE");
      summary.putObject("StreamModeDetails").put("StreamMode", stream.mode());
      summary.putPOJO("StreamCreationTimestamp", new EpochTimestamp(stream.created()));
    }
    boolean more = listed.size() > page.size();
    answer.put("HasMoreStreams", more);
    if (more) {
      answer.put("NextToken", encodeToken(page.getLast().name()));
    }
    return answer;
  }

  ObjectNode listShards(RequestFields request) throws KinesisFailure {
    Optional<String> token = request.optionalString("NextToken", 1, 1048576, null);
    int maxResults = request.optionalInt("MaxResults", 1, 10_000).orElse(1000);
    String name;
    Optional<String> after;
    if (token.isPresent()) {
      String[] position = decodeToken(token.get(), "ListShards").split("\\|", 2);
      if (position.length != 2 || request.optionalString("StreamName", 0, 128, null).isPresent()
          || request.optionalString("ExclusiveStartShardId", 0, 128, null).isPresent()) {
        throw new KinesisFailure(KinesisError.INVALID_ARGUMENT, "NextToken and StreamName or ExclusiveStartShardId"
            + " cannot be provided together.");
      }
      name = position[0];
      after = Optional.of(position[1]);
    } else {
      name = request.streamName();
      after = request.optionalString("ExclusiveStartShardId", 1, 128, SHARD_ID);
      Optional<RequestFields> filter = request.optionalObject("ShardFilter");
      if (filter.isPresent()) {
        // Every shard is open and has been since the stream began, so only AFTER_SHARD_ID leaves any out.
        String type = filter.get().requiredString("Type", 1, 32, Pattern.compile(
            "AFTER_SHARD_ID|AT_TRIM_HORIZON|FROM_TRIM_HORIZON|AT_LATEST|AT_TIMESTAMP|FROM_TIMESTAMP"));
        if (type.equals("AFTER_SHARD_ID")) {
          after = Optional.of(filter.get().requiredString("ShardId", 1, 128, SHARD_ID));
        }
      }
    }
    Stream stream = streams.find(name);
    List<Shard> listed = shardsAfter(stream, after);
    List<Shard> page = listed.subList(0, Math.min(maxResults, listed.size()));
    ObjectNode answer = object();
    ArrayNode shards = answer.putArray("Shards");
    page.forEach(shard -> shards.add(shard(shard)));
    if (listed.size() > page.size()) {
      answer.put("NextToken", encodeToken(stream.name() + "|" + page.getLast().id()));
    }
    return answer;
  }

  private ObjectNode summary(Stream stream) {
    ObjectNode summary = object();
    summary.put("StreamName", stream.name());
    summary.put("StreamARN", stream.arn());
    summary.put("StreamStatus", "ACTIVE");
    summary.putObject("StreamModeDetails").put("StreamMode", stream.mode());
    summary.put("RetentionPeriodHours", RETENTION_HOURS);
    summary.putPOJO("StreamCreationTimestamp", new EpochTimestamp(stream.created()));
    summary.putArray("EnhancedMonitoring").addObject().putArray("ShardLevelMetrics");
    summary.put("EncryptionType", "NONE");
    summary.put("OpenShardCount", stream.shards().size());
    summary.put("ConsumerCount", 0);
    return summary;
  }

  private static ObjectNode shard(Shard shard) {
    ObjectNode node = object();
    node.put("ShardId", shard.id());
    ObjectNode keys = node.putObject("HashKeyRange");
    keys.put("StartingHashKey", shard.hashKeys().start().toString());
    keys.put("EndingHashKey", shard.hashKeys().end().toString());
    node.putObject("SequenceNumberRange").put("StartingSequenceNumber", shard.startingSequenceNumber().text());
    return node;
  }

  private static List<Shard> shardsAfter(Stream stream, Optional<String> exclusiveStart) {
    return exclusiveStart.map(id -> stream.shards().stream().filter(shard -> Stream.after(shard, id)).toList())
        .orElse(stream.shards());
  }

  private static String encodeToken(String position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token, String operation) throws KinesisFailure {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new KinesisFailure(KinesisError.INVALID_ARGUMENT, "NextToken " + token + " was not handed out by this"
          + " server's " + operation, e);
    }
  }

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }
}
