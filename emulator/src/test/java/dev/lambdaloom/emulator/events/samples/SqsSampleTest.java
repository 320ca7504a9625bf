package dev.lambdaloom.emulator.events.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqsSampleTest {
  @Test
  void messagesComeThroughAwsSerializersWithBodyIdsAndTheBodysMd5() {
    String json = SqsSample.of(SampleOrigin.defaults()).queue("orders").body("{\"order\":42}")
        .records(new RecordCount(3)).json();

    List<SQSMessage> messages = AwsRuntimeReader.read(SQSEvent.class, json).getRecords();

    assertThat(messages).hasSize(3);
    assertThat(messages).extracting(SQSMessage::getMessageId).doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    for (SQSMessage message : messages) {
      assertThat(message.getBody()).isEqualTo("{\"order\":42}");
      // MD5 of {"order":42}, as md5sum computes it.
      assertThat(message.getMd5OfBody()).isEqualTo("0d15cd31971ecd0d554a062cddbab844");
      assertThat(message.getReceiptHandle()).startsWith("AQEB");
      assertThat(message.getEventSource()).isEqualTo("aws:sqs");
      assertThat(message.getEventSourceArn()).isEqualTo("arn:aws:sqs:us-east-1:123456789012:orders");
      assertThat(message.getAttributes()).containsEntry("ApproximateReceiveCount", "1")
          .containsKeys("SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp")
          .doesNotContainKey("MessageGroupId");
    }
  }

  @Test
  void fifoMessagesCarryTheirGroupADeduplicationIdAndIncreasingSequenceNumbers() {
    String json = SqsSample.of(SampleOrigin.defaults()).fifo("tenant-9").records(new RecordCount(3)).json();

    List<SQSMessage> messages = AwsRuntimeReader.read(SQSEvent.class, json).getRecords();

    assertThat(messages).extracting(SQSMessage::getBody)
        .containsExactly("{\"record\":1}", "{\"record\":2}", "{\"record\":3}");
    assertThat(messages).extracting(SQSMessage::getEventSourceArn)
        .containsOnly("arn:aws:sqs:us-east-1:123456789012:my-queue.fifo");
    assertThat(messages).extracting(m -> m.getAttributes().get("MessageGroupId")).containsOnly("tenant-9");
    assertThat(messages).extracting(m -> m.getAttributes().get("MessageDeduplicationId"))
        .doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).matches("[0-9a-f]{64}"));
    List<BigInteger> sequence = messages.stream()
        .map(m -> new BigInteger(m.getAttributes().get("SequenceNumber"))).toList();
    assertThat(sequence).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void aGroupOnAStandardQueueAndBadQueueNamesAreRefused() {
    SqsSample sample = SqsSample.of(SampleOrigin.defaults());

    assertThatThrownBy(() -> sample.queue("orders").fifo("g").json()).isInstanceOf(InvalidSampleException.class)
        .hasMessage("queue orders is not a FIFO queue: FIFO queue names end in .fifo");
    assertThatThrownBy(() -> sample.queue("bad name")).hasMessageContaining("a queue name is 1 to 80");
    assertThatThrownBy(() -> sample.fifo("has space")).hasMessageContaining("a message group id is");
    assertThat(sample.queue("orders.fifo").json()).contains("\"MessageGroupId\" : \"group-1\"");
  }
}
