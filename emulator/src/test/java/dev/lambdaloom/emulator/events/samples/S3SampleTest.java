package dev.lambdaloom.emulator.events.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import org.junit.jupiter.api.Test;

class S3SampleTest {
  @Test
  void theRecordComesThroughAwsSerializersWithBucketAndTheKeyEncodedAsS3Does() {
    String json = S3Sample.of(SampleOrigin.defaults()).bucket("uploads.example").key("in box/report 1+1.csv")
        .eventName("s3:objectcreated:put").size(2048).json();

    S3EventNotificationRecord record = AwsRuntimeReader.read(S3Event.class, json).getRecords().getFirst();

    assertThat(record.getEventName()).isEqualTo("ObjectCreated:Put");
    assertThat(record.getEventSource()).isEqualTo("aws:s3");
    assertThat(record.getAwsRegion()).isEqualTo("us-east-1");
    assertThat(record.getEventTime().getMillis()).isEqualTo(SampleOrigin.DEFAULT_TIME.toEpochMilli());
    assertThat(record.getS3().getBucket().getName()).isEqualTo("uploads.example");
    assertThat(record.getS3().getBucket().getArn()).isEqualTo("arn:aws:s3:::uploads.example");
    assertThat(record.getS3().getObject().getKey()).isEqualTo("in+box/report+1%2B1.csv");
    assertThat(record.getS3().getObject().getUrlDecodedKey()).isEqualTo("in box/report 1+1.csv");
    assertThat(record.getS3().getObject().getSizeAsLong()).isEqualTo(2048);
    assertThat(record.getS3().getObject().geteTag()).matches("[0-9a-f]{32}");
  }

  @Test
  void aRemovedObjectHasNoSizeOrETag() {
    String json = S3Sample.of(SampleOrigin.defaults()).eventName("ObjectRemoved:Delete").json();

    S3EventNotificationRecord record = AwsRuntimeReader.read(S3Event.class, json).getRecords().getFirst();

    assertThat(record.getEventName()).isEqualTo("ObjectRemoved:Delete");
    assertThat(record.getS3().getObject().getKey()).isEqualTo("test/key");
    assertThat(json).doesNotContain("\"size\"", "\"eTag\"");
  }

  @Test
  void unknownEventNamesAndBadBucketsAreRefused() {
    S3Sample sample = S3Sample.of(SampleOrigin.defaults());

    assertThatThrownBy(() -> sample.eventName("ObjectCreated:Upload")).isInstanceOf(InvalidSampleException.class)
        .hasMessageStartingWith("S3 has no event ObjectCreated:Upload; it sends [ObjectCreated:Put,");
    assertThatThrownBy(() -> sample.bucket("My_Bucket")).hasMessageContaining("a bucket name is 3 to 63");
    assertThatThrownBy(() -> sample.key("")).hasMessageContaining("an object key is 1 to 1024 bytes");
  }
}
