package dev.lambdaloom.emulator.events.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import org.junit.jupiter.api.Test;

class SnsSampleTest {
  @Test
  void theNotificationComesThroughAwsSerializersWithMessageSubjectAndTime() {
    String json = SnsSample.of(SampleOrigin.defaults().withRegion("ap-southeast-2")).topic("alerts")
        .subject("Disk full").message("{\"host\":\"db-1\"}").json();

    SNSEvent event = AwsRuntimeReader.read(SNSEvent.class, json);

    assertThat(event.getRecords()).hasSize(1);
    SNSEvent.SNSRecord record = event.getRecords().getFirst();
    assertThat(record.getEventSource()).isEqualTo("aws:sns");
    assertThat(record.getEventSubscriptionArn()).startsWith("arn:aws:sns:ap-southeast-2:123456789012:alerts:");
    SNSEvent.SNS sns = record.getSNS();
    assertThat(sns.getMessage()).isEqualTo("{\"host\":\"db-1\"}");
    assertThat(sns.getSubject()).isEqualTo("Disk full");
    assertThat(sns.getTopicArn()).isEqualTo("arn:aws:sns:ap-southeast-2:123456789012:alerts");
    assertThat(sns.getType()).isEqualTo("Notification");
    assertThat(sns.getMessageId()).hasSize(36);
    assertThat(sns.getTimestamp().getMillis()).isEqualTo(SampleOrigin.DEFAULT_TIME.toEpochMilli());
    assertThat(sns.getSigningCertUrl()).startsWith("https://sns.ap-southeast-2.amazonaws.com/");
  }

  @Test
  void withoutASubjectTheSubjectIsNull() {
    SNSEvent event = AwsRuntimeReader.read(SNSEvent.class, SnsSample.of(SampleOrigin.defaults()).json());

    assertThat(event.getRecords().getFirst().getSNS().getSubject()).isNull();
    assertThat(event.getRecords().getFirst().getSNS().getMessage()).isEqualTo("{\"record\":1}");
  }

  @Test
  void subjectsSnsWouldRefuseAreRefused() {
    assertThatThrownBy(() -> SnsSample.of(SampleOrigin.defaults()).subject("two\nlines"))
        .isInstanceOf(InvalidSampleException.class).hasMessageContaining("without line breaks");
    assertThatThrownBy(() -> SnsSample.of(SampleOrigin.defaults()).subject("x".repeat(101)))
        .hasMessageContaining("1 to 100");
  }
}
