package dev.lambdaloom.services.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** The retention bound: past it writes are refused, each refusal said, nothing stored dropped. */
class KinesisRetentionTest {
  @Test
  void putRecordsPastTheRecordBoundFailsTheRecordsThatDoNotFitAndKeepsTheRest() throws Exception {
    try (KinesisLocal kinesis = KinesisLocal.start(KinesisLocal.Options.defaults()
             .withRetention(new RetentionBound(10, 1 << 20)));
         KinesisClient client = KinesisClients.of(kinesis)) {
      client.createStream(b -> b.streamName("s").shardCount(1));
      List<PutRecordsRequestEntry> entries = IntStream.range(0, 15).mapToObj(i -> PutRecordsRequestEntry.builder()
          .partitionKey("k").data(SdkBytes.fromUtf8String("r" + i)).build()).toList();

      PutRecordsResponse put = client.putRecords(b -> b.streamName("s").records(entries));

      assertThat(put.failedRecordCount()).isEqualTo(5);
      assertThat(put.records().subList(0, 10)).allSatisfy(entry -> {
        assertThat(entry.sequenceNumber()).hasSize(56);
        assertThat(entry.shardId()).isEqualTo("shardId-000000000000");
        assertThat(entry.errorCode()).isNull();
      });
      assertThat(put.records().subList(10, 15)).allSatisfy(entry -> {
        assertThat(entry.sequenceNumber()).isNull();
        assertThat(entry.errorCode()).isEqualTo("LimitExceededException");
        assertThat(entry.errorMessage()).contains("at most 10 records", "larger retention bound");
      });
      assertThatThrownBy(() -> client.putRecord(b -> b.streamName("s").partitionKey("k")
          .data(SdkBytes.fromUtf8String("one more")))).isInstanceOf(LimitExceededException.class)
          .hasMessageContaining("at most 10 records");

      String iterator = client.getShardIterator(b -> b.streamName("s").shardId("shardId-000000000000")
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      assertThat(client.getRecords(b -> b.shardIterator(iterator)).records())
          .extracting(r -> r.data().asUtf8String())
          .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "r" + i).toList());
    }
  }

  @Test
  void deletingAStreamGivesItsRecordsBackToTheBound() throws Exception {
    try (KinesisLocal kinesis = KinesisLocal.start(KinesisLocal.Options.defaults()
             .withRetention(new RetentionBound(1_000, 100)));
         KinesisClient client = KinesisClients.of(kinesis)) {
      client.createStream(b -> b.streamName("s").shardCount(2));
      SdkBytes ninetyBytes = SdkBytes.fromByteArray(new byte[89]);
      client.putRecord(b -> b.streamName("s").partitionKey("k").data(ninetyBytes));
      assertThatThrownBy(() -> client.putRecord(b -> b.streamName("s").partitionKey("k").data(ninetyBytes)))
          .isInstanceOf(LimitExceededException.class).hasMessageContaining("at most 100 bytes");

      client.deleteStream(b -> b.streamName("s"));
      client.createStream(b -> b.streamName("s").shardCount(2));

      assertThat(client.putRecord(b -> b.streamName("s").partitionKey("k").data(ninetyBytes)).sequenceNumber())
          .hasSize(56);
    }
  }

  @Test
  void recordsOverAMegabyteAndBatchesOverFiveAreRefusedWhole() throws Exception {
    try (KinesisLocal kinesis = KinesisLocal.start();
         KinesisClient client = KinesisClients.of(kinesis)) {
      client.createStream(b -> b.streamName("s").shardCount(1));
      SdkBytes megabyte = SdkBytes.fromByteArray(new byte[1 << 20]);
      SdkBytes almostMegabyte = SdkBytes.fromByteArray(new byte[(1 << 20) - 100]);

      assertThatThrownBy(() -> client.putRecord(b -> b.streamName("s").partitionKey("k").data(megabyte)))
          .hasMessageContaining("exceeds the limit");
      List<PutRecordsRequestEntry> sixMegabytes = IntStream.range(0, 6).mapToObj(i -> PutRecordsRequestEntry.builder()
          .partitionKey("k").data(almostMegabyte).build()).toList();
      assertThatThrownBy(() -> client.putRecords(b -> b.streamName("s").records(sixMegabytes)))
          .hasMessageContaining("Records size exceeds 5 MB limit");
      List<PutRecordsRequestEntry> tooMany = IntStream.range(0, 501).mapToObj(i -> PutRecordsRequestEntry.builder()
          .partitionKey("k").data(SdkBytes.fromUtf8String("x")).build()).toList();
      assertThatThrownBy(() -> client.putRecords(b -> b.streamName("s").records(tooMany)))
          .hasMessageContaining("less than or equal to 500");

      String iterator = client.getShardIterator(b -> b.streamName("s").shardId("shardId-000000000000")
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      assertThat(client.getRecords(b -> b.shardIterator(iterator)).records()).as("nothing of a refused batch").isEmpty();
    }
  }
}
