package dev.lambdaloom.emulator.events.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.lambdaloom.emulator.events.samples.DynamoDbStreamSample.EventName;
import dev.lambdaloom.emulator.events.samples.DynamoDbStreamSample.StreamViewType;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class DynamoDbStreamSampleTest {
  private static final SampleOrigin ORIGIN = SampleOrigin.defaults();

  @Test
  void aModifyComesThroughAwsSerializersWithKeysBothImagesAndIncreasingSequenceNumbers() {
    String json = DynamoDbStreamSample.of(ORIGIN.withRegion("eu-west-1"))
        .eventName(EventName.MODIFY)
        .table("Workers")
        .keys("{\"pk\":{\"S\":\"w-1\"}}")
        .oldImage("{\"state\":{\"S\":\"idle\"}}")
        .newImage("{\"pk\":{\"S\":\"w-1\"},\"state\":{\"S\":\"busy\"},\"jobs\":{\"L\":[{\"N\":\"7\"}]}}")
        .records(new RecordCount(3))
        .json();

    List<DynamodbStreamRecord> records = AwsRuntimeReader.read(DynamodbEvent.class, json).getRecords();

    assertThat(records).hasSize(3);
    for (DynamodbStreamRecord record : records) {
      assertThat(record.getEventName()).isEqualTo("MODIFY");
      assertThat(record.getEventSource()).isEqualTo("aws:dynamodb");
      assertThat(record.getEventVersion()).isEqualTo("1.1");
      assertThat(record.getAwsRegion()).isEqualTo("eu-west-1");
      assertThat(record.getEventID()).matches("[0-9a-f]{32}");
      assertThat(record.getEventSourceARN())
          .isEqualTo("arn:aws:dynamodb:eu-west-1:123456789012:table/Workers/stream/2025-01-01T00:00:00.000");
      var change = record.getDynamodb();
      assertThat(change.getKeys()).containsOnlyKeys("pk");
      assertThat(change.getKeys().get("pk").getS()).isEqualTo("w-1");
      assertThat(change.getOldImage().get("pk").getS()).as("keys added to the image").isEqualTo("w-1");
      assertThat(change.getOldImage().get("state").getS()).isEqualTo("idle");
      assertThat(change.getNewImage().get("state").getS()).isEqualTo("busy");
      assertThat(change.getNewImage().get("jobs").getL()).extracting(AttributeValue::getN).containsExactly("7");
      assertThat(change.getStreamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
      assertThat(change.getApproximateCreationDateTime().toInstant()).isEqualTo(SampleOrigin.DEFAULT_TIME);
      // Keys: pk "w-1" 2 + 3. Old image: pk 5, state "idle" 5 + 4. New image: pk 5, state "busy" 9, jobs 4 + a
      // list's 3 + 1 per element + N "7" 2.
      assertThat(change.getSizeBytes()).isEqualTo(5 + 14 + 5 + 9 + 10);
    }
    List<BigInteger> sequence = records.stream().map(r -> new BigInteger(r.getDynamodb().getSequenceNumber())).toList();
    assertThat(sequence).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void sizeBytesIsWhatDynamoDbCountsForAwsDocumentedRemoveRecord() {
    // AWS's documented REMOVE record: key Id 101, old image Message "This item has changed" and Id 101, 38 bytes.
    String json = DynamoDbStreamSample.of(ORIGIN).eventName(EventName.REMOVE)
        .keys("{\"Id\":{\"N\":\"101\"}}")
        .oldImage("{\"Message\":{\"S\":\"This item has changed\"},\"Id\":{\"N\":\"101\"}}")
        .json();

    var change = AwsRuntimeReader.read(DynamodbEvent.class, json).getRecords().getFirst().getDynamodb();

    assertThat(change.getSizeBytes()).isEqualTo(38);
    assertThat(change.getNewImage()).isNull();
    assertThat(change.getOldImage().get("Id").getN()).isEqualTo("101");
  }

  @Test
  void defaultRecordsHaveOneKeyEachAndAnInsertHasOnlyANewImage() {
    String json = DynamoDbStreamSample.of(ORIGIN).records(new RecordCount(2)).json();

    List<DynamodbStreamRecord> records = AwsRuntimeReader.read(DynamodbEvent.class, json).getRecords();

    assertThat(records).extracting(r -> r.getDynamodb().getKeys().get("pk").getS()).containsExactly("item-1", "item-2");
    assertThat(records).allSatisfy(r -> {
      assertThat(r.getEventName()).isEqualTo("INSERT");
      assertThat(r.getDynamodb().getOldImage()).isNull();
      assertThat(r.getDynamodb().getNewImage().get("version").getN()).isEqualTo("1");
    });
  }

  @Test
  void keysOnlyStreamsCarryNoImages() {
    String json = DynamoDbStreamSample.of(ORIGIN).eventName(EventName.MODIFY)
        .streamViewType(StreamViewType.KEYS_ONLY).json();

    var change = AwsRuntimeReader.read(DynamodbEvent.class, json).getRecords().getFirst().getDynamodb();

    assertThat(change.getNewImage()).isNull();
    assertThat(change.getOldImage()).isNull();
    assertThat(change.getStreamViewType()).isEqualTo("KEYS_ONLY");
  }

  @Test
  void theSameOriginGivesTheSameEventAndAnotherSeedOtherIds() {
    String first = DynamoDbStreamSample.of(ORIGIN).records(new RecordCount(5)).json();

    assertThat(DynamoDbStreamSample.of(ORIGIN).records(new RecordCount(5)).json()).isEqualTo(first);
    assertThat(DynamoDbStreamSample.of(ORIGIN.withSeed(2)).records(new RecordCount(5)).json()).isNotEqualTo(first);
  }

  @Test
  void keysThatAreNotDynamoDbJsonAreRefusedWithTheReason() {
    DynamoDbStreamSample sample = DynamoDbStreamSample.of(ORIGIN);

    assertThatThrownBy(() -> sample.keys("{\"pk\":\"w-1\"}")).isInstanceOf(InvalidSampleException.class)
        .hasMessageContaining("keys: attribute \"pk\" must be an object with one type of")
        .hasMessageContaining("{\"S\":\"text\"}");
    assertThatThrownBy(() -> sample.keys("{\"pk\":{\"N\":\"twelve\"}}")).hasMessageContaining("is not a number");
    assertThatThrownBy(() -> sample.keys("{\"pk\":{\"BOOL\":true}}"))
        .hasMessageContaining("key attribute \"pk\" must be of type S, N or B");
    assertThatThrownBy(() -> sample.keys("{\"a\":{\"S\":\"1\"},\"b\":{\"S\":\"2\"},\"c\":{\"S\":\"3\"}}"))
        .hasMessageContaining("one attribute (partition key) or two");
    assertThatThrownBy(() -> sample.keys("{pk")).hasMessageContaining("keys is not JSON");
    assertThatThrownBy(() -> sample.newImage("{\"tags\":{\"SS\":[\"a\",\"a\"]}}")).hasMessageContaining("twice");
    assertThatThrownBy(() -> sample.newImage("{\"m\":{\"M\":{\"inner\":{\"X\":1}}}}"))
        .hasMessageContaining("attribute \"m.inner\"");
  }

  @Test
  void imagesTheRecordCannotCarryAreRefused() {
    assertThatThrownBy(() -> DynamoDbStreamSample.of(ORIGIN).eventName(EventName.INSERT)
        .oldImage("{\"a\":{\"S\":\"x\"}}").json()).hasMessage("a INSERT record has no old image");
    assertThatThrownBy(() -> DynamoDbStreamSample.of(ORIGIN).eventName(EventName.MODIFY)
        .streamViewType(StreamViewType.NEW_IMAGE).oldImage("{\"a\":{\"S\":\"x\"}}").json())
        .hasMessage("stream view type NEW_IMAGE carries no old image");
    assertThatThrownBy(() -> DynamoDbStreamSample.of(ORIGIN).keys("{\"pk\":{\"S\":\"w-1\"}}")
        .newImage("{\"pk\":{\"S\":\"w-2\"}}").json()).hasMessageContaining("key attribute \"pk\" is");
  }

  @Test
  void recordCountsOutsideOneToTenThousandAreRefused() {
    assertThatThrownBy(() -> new RecordCount(0)).hasMessage("records must be between 1 and 10000, found 0");
    assertThatThrownBy(() -> new RecordCount(10_001)).hasMessage("records must be between 1 and 10000, found 10001");
    assertThat(new RecordCount(10_000).value()).isEqualTo(10_000);
  }
}
