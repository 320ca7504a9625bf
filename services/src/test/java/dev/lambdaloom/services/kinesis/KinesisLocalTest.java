package dev.lambdaloom.services.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * KinesisLocal through AWS's Java SDK v2 KinesisClient as it comes: CBOR on the wire (the SDK's default), timestamps
 * as CBOR epoch milliseconds, data as byte strings. The build runs this class a second time in a JVM started with
 * {@code -Daws.cborEnabled=false} (services/pom.xml, execution kinesis-json-client), where the same client speaks AWS
 * JSON 1.1: base64 data, epoch seconds. SDK 2.42 reads that setting (environment: CBOR_ENABLED; the v1 SDK's
 * AWS_CBOR_DISABLED means nothing to it) JVM-wide when a client is built, so no test sets it. The server's clock is
 * the test's, so arrival times and iterator ages are set, not waited for.
 */
class KinesisLocalTest {
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  private static final String STREAM = "events";
  private static final boolean CBOR_DISABLED = "false".equals(System.getProperty("aws.cborEnabled"));

  private final SettableClock clock = new SettableClock(START);
  private final Set<String> contentTypes = ConcurrentHashMap.newKeySet();
  private KinesisLocal kinesis;
  private KinesisClient client;

  @BeforeEach
  void start() throws Exception {
    kinesis = KinesisLocal.start(KinesisLocal.Options.defaults().withClock(clock));
    client = KinesisClients.of(kinesis, contentTypes::add);
  }

  @AfterEach
  void stop() {
    client.close();
    kinesis.close();
    assertThat(contentTypes).as("what the SDK spoke").containsExactly(CBOR_DISABLED
        ? "application/x-amz-json-1.1" : "application/x-amz-cbor-1.1");
  }

  @Test
  void createStreamSplitsTheHashKeySpaceEvenlyOverItsShards() {
    client.createStream(b -> b.streamName(STREAM).shardCount(4));

    StreamDescription description = client.describeStream(b -> b.streamName(STREAM)).streamDescription();
    assertThat(description.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
    assertThat(description.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/events");
    assertThat(description.streamCreationTimestamp()).isEqualTo(START);
    assertThat(description.hasMoreShards()).isFalse();
    assertThat(description.shards()).extracting(Shard::shardId).containsExactly("shardId-000000000000",
        "shardId-000000000001", "shardId-000000000002", "shardId-000000000003");
    BigInteger quarter = BigInteger.TWO.pow(126);
    BigInteger expectedStart = BigInteger.ZERO;
    for (Shard shard : description.shards()) {
      BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
      BigInteger end = new BigInteger(shard.hashKeyRange().endingHashKey());
      assertThat(start).isEqualTo(expectedStart);
      assertThat(end.subtract(start).add(BigInteger.ONE)).isEqualTo(quarter);
      expectedStart = end.add(BigInteger.ONE);
    }
    assertThat(expectedStart).isEqualTo(BigInteger.TWO.pow(128));

    assertThat(client.listShards(b -> b.streamName(STREAM)).shards()).isEqualTo(description.shards());
    assertThat(client.describeStreamSummary(b -> b.streamName(STREAM)).streamDescriptionSummary().openShardCount())
        .isEqualTo(4);
    assertThat(client.listStreams().streamNames()).containsExactly(STREAM);
  }

  @Test
  void listShardsAndListStreamsPageWithTheirTokens() {
    client.createStream(b -> b.streamName(STREAM).shardCount(5));
    client.createStream(b -> b.streamName("another").shardCount(1));

    var first = client.listShards(b -> b.streamName(STREAM).maxResults(3));
    var second = client.listShards(b -> b.nextToken(first.nextToken()).maxResults(3));
    assertThat(first.shards()).hasSize(3);
    assertThat(second.shards()).extracting(Shard::shardId).containsExactly("shardId-000000000003",
        "shardId-000000000004");
    assertThat(second.nextToken()).isNull();

    var streams = client.listStreams(b -> b.limit(1));
    assertThat(streams.streamNames()).containsExactly("another");
    assertThat(streams.hasMoreStreams()).isTrue();
    assertThat(client.listStreams(b -> b.nextToken(streams.nextToken())).streamNames()).containsExactly(STREAM);
  }

  @Test
  void everyRecordIsReadOnceInWriteOrderPerPartitionKeyFromItsKeysShard() throws Exception {
    client.createStream(b -> b.streamName(STREAM).shardCount(4));
    List<String> written = new ArrayList<>();
    List<PutRecordsRequestEntry> batch = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      String key = "key-" + (i % 50);
      String data = key + "#" + i;
      written.add(data);
      if (i < 500) { // half in PutRecords batches, half one PutRecord each
        batch.add(PutRecordsRequestEntry.builder().partitionKey(key).data(SdkBytes.fromUtf8String(data)).build());
        if (batch.size() == 125) {
          List<PutRecordsRequestEntry> entries = List.copyOf(batch);
          PutRecordsResponse put = client.putRecords(b -> b.streamName(STREAM).records(entries));
          assertThat(put.failedRecordCount()).isZero();
          batch.clear();
        }
      } else {
        client.putRecord(b -> b.streamName(STREAM).partitionKey(key).data(SdkBytes.fromUtf8String(data)));
      }
    }

    List<Shard> shards = client.listShards(b -> b.streamName(STREAM)).shards();
    Map<String, String> shardOfKey = new HashMap<>();
    Map<String, List<String>> readPerKey = new LinkedHashMap<>();
    int read = 0;
    for (Shard shard : shards) {
      List<Record> records = readToTip(STREAM, shard.shardId(), ShardIteratorType.TRIM_HORIZON, 37);
      read += records.size();
      String previous = null;
      for (Record record : records) {
        assertThat(record.sequenceNumber()).hasSize(56);
        if (previous != null) {
          assertThat(record.sequenceNumber()).isGreaterThan(previous);
          assertThat(new BigInteger(record.sequenceNumber())).isGreaterThan(new BigInteger(previous));
        }
        previous = record.sequenceNumber();
        assertThat(shardOfKey.putIfAbsent(record.partitionKey(), shard.shardId()))
            .as("the shard of " + record.partitionKey()).isIn(null, shard.shardId());
        assertThat(inRange(md5(record.partitionKey()), shard)).as(record.partitionKey() + " hashes into " + shard.shardId())
            .isTrue();
        readPerKey.computeIfAbsent(record.partitionKey(), k -> new ArrayList<>()).add(record.data().asUtf8String());
        assertThat(record.approximateArrivalTimestamp()).isEqualTo(START);
      }
    }

    assertThat(read).isEqualTo(1_000);
    assertThat(readPerKey).hasSize(50);
    for (int k = 0; k < 50; k++) {
      String key = "key-" + k;
      assertThat(readPerKey.get(key)).as(key).isEqualTo(written.stream().filter(d -> d.startsWith(key + "#")).toList());
    }
    assertThat(shardOfKey.values()).as("50 keys spread over every shard").containsAll(
        shards.stream().map(Shard::shardId).toList());
  }

  @Test
  void latestSeesOnlyRecordsWrittenAfterTheIteratorWasTaken() {
    client.createStream(b -> b.streamName(STREAM).shardCount(1));
    put("k", "before");
    String iterator = iterator(STREAM, "shardId-000000000000", ShardIteratorType.LATEST);
    put("k", "after-1");
    put("k", "after-2");

    GetRecordsResponse records = client.getRecords(b -> b.shardIterator(iterator));
    assertThat(records.records()).extracting(r -> r.data().asUtf8String()).containsExactly("after-1", "after-2");
    assertThat(records.millisBehindLatest()).isZero();
    assertThat(client.getRecords(b -> b.shardIterator(records.nextShardIterator())).records()).isEmpty();
  }

  @Test
  void dataComesBackByteForByte() {
    client.createStream(b -> b.streamName(STREAM).shardCount(1));
    byte[] everyByte = new byte[256];
    for (int i = 0; i < everyByte.length; i++) {
      everyByte[i] = (byte) i;
    }
    client.putRecord(b -> b.streamName(STREAM).partitionKey("ключ").data(SdkBytes.fromByteArray(everyByte)));
    client.putRecord(b -> b.streamName(STREAM).partitionKey("k").data(SdkBytes.fromByteArray(new byte[0])));

    List<Record> records = readToTip(STREAM, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON, 10);

    assertThat(records.get(0).data().asByteArray()).isEqualTo(everyByte);
    assertThat(records.get(0).partitionKey()).isEqualTo("ключ");
    assertThat(records.get(1).data().asByteArray()).isEmpty();
  }

  @Test
  void atTimestampStartsAtTheFirstRecordThatArrivedThenOrLater() {
    client.createStream(b -> b.streamName(STREAM).shardCount(1));
    put("k", "at-start");
    clock.advance(Duration.ofSeconds(10));
    Instant later = clock.instant();
    put("k", "ten-seconds-later");
    clock.advance(Duration.ofMillis(1));
    put("k", "one-milli-more");

    List<String> fromLater = dataOf(client.getRecords(b -> b.shardIterator(client.getShardIterator(i -> i
        .streamName(STREAM).shardId("shardId-000000000000").shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
        .timestamp(later)).shardIterator())).records());
    List<String> fromBetween = dataOf(client.getRecords(b -> b.shardIterator(client.getShardIterator(i -> i
        .streamName(STREAM).shardId("shardId-000000000000").shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
        .timestamp(later.minusMillis(1))).shardIterator())).records());

    assertThat(fromLater).containsExactly("ten-seconds-later", "one-milli-more");
    assertThat(fromBetween).containsExactly("ten-seconds-later", "one-milli-more");
  }

  @Test
  void afterSequenceNumberResumesAfterACheckpointAndAtSequenceNumberAtIt() {
    client.createStream(b -> b.streamName(STREAM).shardCount(1));
    List<String> sequenceNumbers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sequenceNumbers.add(put("k", "record-" + i));
    }
    String checkpoint = sequenceNumbers.get(2);

    List<String> after = dataOf(client.getRecords(b -> b.shardIterator(client.getShardIterator(i -> i
        .streamName(STREAM).shardId("shardId-000000000000").shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
        .startingSequenceNumber(checkpoint)).shardIterator())).records());
    List<String> at = dataOf(client.getRecords(b -> b.shardIterator(client.getShardIterator(i -> i
        .streamName(STREAM).shardId("shardId-000000000000").shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
        .startingSequenceNumber(checkpoint)).shardIterator())).records());

    assertThat(after).containsExactly("record-3", "record-4");
    assertThat(at).containsExactly("record-2", "record-3", "record-4");
  }

  @Test
  void getRecordsHonoursItsLimitAndTellsHowFarBehindTheReaderIs() {
    client.createStream(b -> b.streamName(STREAM).shardCount(1));
    put("k", "first");
    clock.advance(Duration.ofSeconds(3));
    put("k", "second");
    clock.advance(Duration.ofSeconds(4));

    GetRecordsResponse one = client.getRecords(b -> b.limit(1)
        .shardIterator(iterator(STREAM, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON)));
    GetRecordsResponse rest = client.getRecords(b -> b.shardIterator(one.nextShardIterator()));

    assertThat(dataOf(one.records())).containsExactly("first");
    assertThat(one.millisBehindLatest()).as("the unread record arrived 4 s ago").isEqualTo(4_000);
    assertThat(dataOf(rest.records())).containsExactly("second");
    assertThat(rest.millisBehindLatest()).isZero();
    assertThatThrownBy(() -> client.getRecords(b -> b.limit(10_001).shardIterator(one.nextShardIterator())))
        .isInstanceOfSatisfying(KinesisException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
  }

  @Test
  void explicitHashKeyChoosesTheShard() {
    client.createStream(b -> b.streamName(STREAM).shardCount(4));
    String lastKey = BigInteger.TWO.pow(128).subtract(BigInteger.ONE).toString();

    var put = client.putRecord(b -> b.streamName(STREAM).partitionKey("anything").explicitHashKey(lastKey)
        .data(SdkBytes.fromUtf8String("x")));

    assertThat(put.shardId()).isEqualTo("shardId-000000000003");
    assertThatThrownBy(() -> client.putRecord(b -> b.streamName(STREAM).partitionKey("k")
        .explicitHashKey(BigInteger.TWO.pow(128).toString()).data(SdkBytes.fromUtf8String("x"))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("ExplicitHashKey");
  }

  @Test
  void unknownStreamsAreResourceNotFound() {
    assertThatThrownBy(() -> client.describeStream(b -> b.streamName("missing")))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Stream missing under account");
    assertThatThrownBy(() -> client.putRecord(b -> b.streamName("missing").partitionKey("k")
        .data(SdkBytes.fromUtf8String("x")))).isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> iterator("missing", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON))
        .isInstanceOf(ResourceNotFoundException.class);
    client.createStream(b -> b.streamName(STREAM).shardCount(1));
    assertThatThrownBy(() -> iterator(STREAM, "shardId-000000000007", ShardIteratorType.TRIM_HORIZON))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("shardId-000000000007");
    assertThatThrownBy(() -> client.deleteStream(b -> b.streamName("missing")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void creatingAStreamTwiceIsResourceInUse() {
    client.createStream(b -> b.streamName(STREAM).shardCount(1));

    assertThatThrownBy(() -> client.createStream(b -> b.streamName(STREAM).shardCount(2)))
        .isInstanceOf(ResourceInUseException.class).hasMessageContaining("already exists");
  }

  @Test
  void badIteratorsAreInvalidArgumentsAndOldOnesExpire() {
    client.createStream(b -> b.streamName(STREAM).shardCount(2));
    String sequenceOfShard0 = client.putRecord(b -> b.streamName(STREAM).partitionKey("k")
        .explicitHashKey("0").data(SdkBytes.fromUtf8String("x"))).sequenceNumber();

    assertThatThrownBy(() -> client.getRecords(b -> b.shardIterator("not-an-iterator")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("Invalid ShardIterator");
    assertThatThrownBy(() -> client.getShardIterator(b -> b.streamName(STREAM).shardId("shardId-000000000001")
        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(sequenceOfShard0)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("did not come from this shard");

    String iterator = iterator(STREAM, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON);
    clock.advance(Duration.ofMinutes(5));
    assertThat(client.getRecords(b -> b.shardIterator(iterator)).records()).hasSize(1);
    clock.advance(Duration.ofMillis(1));
    assertThatThrownBy(() -> client.getRecords(b -> b.shardIterator(iterator)))
        .isInstanceOf(ExpiredIteratorException.class).hasMessageContaining("Iterator expired");
  }

  @Test
  void iteratorsOfADeletedStreamFindNothing() {
    client.createStream(b -> b.streamName(STREAM).shardCount(1));
    String iterator = iterator(STREAM, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON);
    client.deleteStream(b -> b.streamName(STREAM));

    assertThatThrownBy(() -> client.getRecords(b -> b.shardIterator(iterator)))
        .isInstanceOf(ResourceNotFoundException.class);
    client.createStream(b -> b.streamName(STREAM).shardCount(1));
    assertThatThrownBy(() -> client.getRecords(b -> b.shardIterator(iterator)))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("deleted since");
  }

  private String put(String key, String data) {
    return client.putRecord(b -> b.streamName(STREAM).partitionKey(key).data(SdkBytes.fromUtf8String(data)))
        .sequenceNumber();
  }

  private String iterator(String stream, String shardId, ShardIteratorType type) {
    return client.getShardIterator(b -> b.streamName(stream).shardId(shardId).shardIteratorType(type)).shardIterator();
  }

  private List<Record> readToTip(String stream, String shardId, ShardIteratorType type, int limit) {
    List<Record> records = new ArrayList<>();
    String iterator = iterator(stream, shardId, type);
    while (true) {
      String current = iterator;
      GetRecordsResponse page = client.getRecords(b -> b.shardIterator(current).limit(limit));
      records.addAll(page.records());
      if (page.records().isEmpty() && page.millisBehindLatest() == 0) {
        return records;
      }
      iterator = page.nextShardIterator();
    }
  }

  private static List<String> dataOf(List<Record> records) {
    return records.stream().map(r -> r.data().asUtf8String()).toList();
  }

  private static BigInteger md5(String partitionKey) throws Exception {
    return new BigInteger(1, MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
  }

  private static boolean inRange(BigInteger hashKey, Shard shard) {
    return hashKey.compareTo(new BigInteger(shard.hashKeyRange().startingHashKey())) >= 0
        && hashKey.compareTo(new BigInteger(shard.hashKeyRange().endingHashKey())) <= 0;
  }
}
