package dev.lambdaloom.functions.audit;

import static dev.lambdaloom.functions.audit.StreamEvents.item;
import static dev.lambdaloom.functions.audit.StreamEvents.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeReaderTest {
  private static final String START = "2026-01-01T00:00:00.000000001Z";

  @Test
  void aRemovalIsReadWithItsTableKeyAndBothImagesAsJson() {
    DeliveredRecord read = ChangeReader.read(StreamEvents.remove("4000000000000000000001", item(7, START, "1", "done")), 0);

    assertThat(read).isInstanceOfSatisfying(Change.class, change -> {
      assertThat(change.origin().table()).isEqualTo("Workers");
      assertThat(change.origin().sequence().sortKey()).isEqualTo("000000000000000000" + "4000000000000000000001");
      assertThat(change.origin().approximateCreation()).contains(StreamEvents.CREATED);
      assertThat(change.kind()).isEqualTo(ChangeKind.REMOVE);
      assertThat(change.item().canonical().text()).isEqualTo("StartTime=S:" + START + ",WorkerId=N:7");
      assertThat(change.item().json()).isEqualTo("{\"StartTime\":\"" + START + "\",\"WorkerId\":7}");
      assertThat(change.images().before())
          .contains("{\"Completed\":1,\"Note\":\"done\",\"StartTime\":\"" + START + "\",\"WorkerId\":7}");
      assertThat(change.images().after()).isEmpty();
      assertThat(change.orderingKey()).isEqualTo("Workers/StartTime=S:" + START + ",WorkerId=N:7");
    });
  }

  @Test
  void anUnknownEventNameIsUnreadable() {
    DeliveredRecord read = ChangeReader.read(
        StreamEvents.record("UPSERT", "101", key(1, START), null, item(1, START, "0", "x")), 0);

    assertThat(read).isEqualTo(new Unreadable("101", "eventName 'UPSERT' is not INSERT, MODIFY or REMOVE"));
    assertThat(read.orderingKey()).as("never holds its item's later records back").isEqualTo("unreadable/101");
  }

  @Test
  void aRemovalWithoutItsOldImageIsUnreadable() {
    DynamodbStreamRecord record = StreamEvents.record("REMOVE", "102", key(1, START), null, null);
    record.getDynamodb().setStreamViewType(StreamViewType.KEYS_ONLY);

    assertThat(ChangeReader.read(record, 0)).isInstanceOfSatisfying(Unreadable.class, unreadable -> assertThat(
        unreadable.reason()).isEqualTo("REMOVE without OldImage: nothing to archive (the stream's view type must be "
            + "NEW_AND_OLD_IMAGES or OLD_IMAGE, it is KEYS_ONLY)"));
  }

  @Test
  void aRecordWithoutKeysIsUnreadable() {
    DeliveredRecord read = ChangeReader.read(StreamEvents.record("INSERT", "103", null, null, item(1, START, "0", "x")), 0);

    assertThat(read).isEqualTo(new Unreadable("103", "no Keys"));
  }

  @Test
  void aBrokenImageIsUnreadableNamingTheImageAndAttribute() {
    var broken = item(1, START, "0", "x");
    broken.put("Completed", new AttributeValue());

    assertThat(ChangeReader.read(StreamEvents.insert("104", broken), 0)).isInstanceOfSatisfying(Unreadable.class,
        unreadable -> assertThat(unreadable.reason()).isEqualTo("NewImage: attribute Completed has no type"));
  }

  @Test
  void aRecordWithoutASequenceNumberIsNamedByItsPlaceInTheBatch() {
    DynamodbStreamRecord record = StreamEvents.insert(null, item(1, START, "0", "x"));

    List<DeliveredRecord> read = ChangeReader.readAll(List.of(StreamEvents.insert("1", item(2, START, "0", "x")), record));

    assertThat(read.get(1).itemId()).isEqualTo("(record 1 has no sequence number)");
    assertThat(read.get(1)).isInstanceOfSatisfying(Unreadable.class,
        unreadable -> assertThat(unreadable.reason()).isEqualTo("no SequenceNumber"));
  }

  @Test
  void theTableComesFromTheStreamArn() throws Exception {
    assertThat(ChangeReader.table(StreamEvents.ARN)).isEqualTo("Workers");
    assertThat(ChangeReader.table("arn:aws-cn:dynamodb:cn-north-1:1:table/a.b-c_d/stream/x")).isEqualTo("a.b-c_d");
    assertThatThrownBy(() -> ChangeReader.table("arn:aws:kinesis:us-east-1:1:stream/Readings"))
        .isInstanceOf(BadRecordException.class).hasMessageContaining("is not a DynamoDB stream's ARN");
    assertThatThrownBy(() -> ChangeReader.table(null)).hasMessage("no eventSourceARN");
  }

  @Test
  void sequenceNumbersAreDigitsOnly() {
    assertThat(ChangeReader.read(StreamEvents.insert("12a", item(1, START, "0", "x")), 0))
        .isInstanceOfSatisfying(Unreadable.class, unreadable -> assertThat(unreadable.reason())
            .isEqualTo("SequenceNumber '12a' is not 1 to 40 decimal digits"));
    assertThat(ChangeReader.read(StreamEvents.insert("1".repeat(41), item(1, START, "0", "x")), 0))
        .isInstanceOf(Unreadable.class);
    assertThat(ChangeReader.read(StreamEvents.insert("9".repeat(40), item(1, START, "0", "x")), 0))
        .isInstanceOf(Change.class).extracting(DeliveredRecord::itemId).isEqualTo("9".repeat(40));
  }
}
