package dev.lambdaloom.functions.readings;

import static dev.lambdaloom.functions.readings.KinesisEvents.record;
import static dev.lambdaloom.functions.readings.KinesisEvents.sequence;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.functions.readings.DeliveredReading.DeviceReading;
import dev.lambdaloom.functions.readings.DeliveredReading.Malformed;
import dev.lambdaloom.readingformat.Reading;
import dev.lambdaloom.readingformat.ReadingJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadingDecoderTest {
  private final ReadingDecoder decoder = new ReadingDecoder();

  private String reason(DeliveredReading read) {
    assertThat(read).isInstanceOf(Malformed.class);
    return ((Malformed) read).reason();
  }

  @Test
  void aReadingDocumentOfADeviceIsReadWithItsSequence() {
    DeliveredReading read = decoder.read(record("sensor-1", sequence(1), ReadingJson.of("2026-03-01T12:00:00Z", 3, -1, 7)), 0);

    assertThat(read).isEqualTo(new DeviceReading("sensor-1", new ShardSequence(sequence(1)),
        new Reading("2026-03-01T12:00:00Z", new long[] {3, -1, 7})));
    assertThat(read.orderingKey()).isEqualTo("device/sensor-1");
    assertThat(read.itemId()).isEqualTo(sequence(1));
  }

  @Test
  void whatIsNoReadingIsMalformedWithTheParsersReason() {
    assertThat(reason(decoder.read(record("d", "1", "{\"datetime\": \"2026-03-01T12:00:00\", \"values\": [1,"), 0)))
        .startsWith("not a reading (truncated): ");
    assertThat(reason(decoder.read(record("d", "2", "not json"), 0))).startsWith("not a reading (not_json): ");
    assertThat(reason(decoder.read(record("d", "3", "{\"datetime\": \"2026-03-01T12:00:00\", \"value\": [1]}"), 0)))
        .isEqualTo("not a reading (unexpected_field): unexpected field \"value\" (line 1, column 37, byte 36)");
    assertThat(reason(decoder.read(record("d", "4", "{\"datetime\": \"2026-03-01T12:00:00\", \"values\": [1.5]}"), 0)))
        .isEqualTo("not a reading (value_fractional): not an integer literal: \"1.5\" at values[0]");
    assertThat(reason(decoder.read(record("d", "5", new byte[0]), 0))).isEqualTo("not a reading (truncated): empty document");
  }

  @Test
  void aReadingTooLargeForTheDevicesItemIsMalformed() {
    long[] values = new long[ReadingDecoder.LIMITS.maxValues() + 1];

    assertThat(reason(decoder.read(record("d", "1", ReadingJson.of("2026-03-01T12:00:00", values)), 0)))
        .startsWith("not a reading (too_large): more than 10000 values");
  }

  @Test
  void aRecordWithoutDeviceOrSequenceIsMalformed() {
    byte[] valid = ReadingJson.of("2026-03-01T12:00:00", 1);
    assertThat(reason(decoder.read(record(null, "1", valid), 0))).isEqualTo("no partitionKey (the device id)");
    assertThat(reason(decoder.read(record("", "1", valid), 0))).isEqualTo("no partitionKey (the device id)");
    assertThat(reason(decoder.read(record("d", "01", valid), 0))).startsWith("sequenceNumber '01' is not a Kinesis");

    List<DeliveredReading> read = decoder.readAll(List.of(record("d", "1", valid), record("d", null, valid)));
    assertThat(read.get(1)).isEqualTo(new Malformed("(record 1 has no sequence number)", "no sequenceNumber"));
  }

  @Test
  void aMalformedRecordNeverSharesAnOrderingKeyWithItsDevice() {
    DeliveredReading read = decoder.read(record("sensor-1", "7", "[]"), 0);

    assertThat(read.orderingKey()).isEqualTo("malformed/7");
  }

  @Test
  void paddedSequenceNumbersCompareAsTheNumbersDo() throws Exception {
    String shorter = "9".repeat(56);
    String longer = "1" + "0".repeat(56);
    String max = "9".repeat(ShardSequence.MAX_DIGITS);

    assertThat(ShardSequence.parse(shorter).sortKey()).isLessThan(ShardSequence.parse(longer).sortKey());
    assertThat(ShardSequence.parse("0").sortKey()).isLessThan(ShardSequence.parse("1").sortKey());
    assertThat(ShardSequence.parse(max).sortKey()).isEqualTo(max).hasSize(129);
    assertThat(ShardSequence.parse(sequence(2)).sortKey()).hasSize(129).endsWith(sequence(2));
    assertThat(reason(decoder.read(record("d", max + "9", ReadingJson.of("2026-03-01T12:00:00", 1)), 0)))
        .contains("up to 129 decimal digits");
  }
}
