package dev.lambdaloom.emulator.events.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KinesisSampleTest {
  @Test
  void recordsComeThroughAwsSerializersWithTheirDataAndIncreasingSequenceNumbers() {
    String json = KinesisSample.of(SampleOrigin.defaults()).stream("readings").partitionKey("device-7")
        .data("hello, kinesis ✓").records(new RecordCount(4)).json();

    List<KinesisEventRecord> records = AwsRuntimeReader.read(KinesisEvent.class, json).getRecords();

    assertThat(records).hasSize(4);
    for (int i = 0; i < records.size(); i++) {
      KinesisEventRecord record = records.get(i);
      KinesisEvent.Record kinesis = record.getKinesis();
      assertThat(StandardCharsets.UTF_8.decode(kinesis.getData()).toString()).isEqualTo("hello, kinesis ✓");
      assertThat(kinesis.getPartitionKey()).isEqualTo("device-7");
      assertThat(kinesis.getKinesisSchemaVersion()).isEqualTo("1.0");
      assertThat(kinesis.getSequenceNumber()).hasSize(56).containsOnlyDigits();
      assertThat(kinesis.getApproximateArrivalTimestamp().toInstant())
          .isEqualTo(SampleOrigin.DEFAULT_TIME.plusMillis(i));
      assertThat(record.getEventSource()).isEqualTo("aws:kinesis");
      assertThat(record.getEventName()).isEqualTo("aws:kinesis:record");
      assertThat(record.getEventID()).isEqualTo("shardId-000000000000:" + kinesis.getSequenceNumber());
      assertThat(record.getEventSourceARN()).isEqualTo("arn:aws:kinesis:us-east-1:123456789012:stream/readings");
      assertThat(record.getAwsRegion()).isEqualTo("us-east-1");
    }
    List<BigInteger> sequence = records.stream().map(r -> new BigInteger(r.getKinesis().getSequenceNumber())).toList();
    assertThat(sequence).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void defaultDataNumbersTheRecordsAndTheTimeFollowsTheOrigin() {
    Instant time = Instant.parse("2026-03-04T05:06:07.008Z");
    String json = KinesisSample.of(SampleOrigin.defaults().withTime(time)).records(new RecordCount(2)).json();

    List<KinesisEventRecord> records = AwsRuntimeReader.read(KinesisEvent.class, json).getRecords();

    assertThat(records).extracting(r -> StandardCharsets.UTF_8.decode(r.getKinesis().getData()).toString())
        .containsExactly("{\"record\":1}", "{\"record\":2}");
    assertThat(records.getFirst().getKinesis().getApproximateArrivalTimestamp().toInstant()).isEqualTo(time);
  }

  @Test
  void dataOverAMebibyteAndBadNamesAreRefused() {
    KinesisSample sample = KinesisSample.of(SampleOrigin.defaults());

    assertThatThrownBy(() -> sample.data(new byte[KinesisSample.MAX_DATA_BYTES + 1]))
        .isInstanceOf(InvalidSampleException.class).hasMessageContaining("at most 1048576 bytes");
    assertThatThrownBy(() -> sample.stream("no spaces")).hasMessageContaining("a stream name is");
    assertThatThrownBy(() -> sample.partitionKey("")).hasMessageContaining("a partition key is 1 to 256");
  }
}
