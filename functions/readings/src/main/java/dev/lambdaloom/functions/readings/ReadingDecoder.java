package dev.lambdaloom.functions.readings;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import dev.lambdaloom.readingformat.ReadingLimits;
import dev.lambdaloom.readingformat.ReadingParser;
import dev.lambdaloom.readingformat.Reading;
import dev.lambdaloom.readingformat.Rejection;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a delivered Kinesis batch into {@link DeliveredReading}s: each record's data (base64 in Lambda's JSON, bytes
 * here) must be one reading document, as ingest's API serves them, strictly validated by {@link ReadingParser}; its
 * partition key is the device id.
 */
final class ReadingDecoder {
  /**
   * At most 10,000 values: the device's item keeps the last reading's values, and DynamoDB refuses items over 400 KB
   * (10,000 int64 numbers take at most about 120 KB there). 1 MiB is the most data a Kinesis record holds.
   */
  static final ReadingLimits LIMITS = new ReadingLimits(10_000, 1024 * 1024);

  private final ReadingParser parser = new ReadingParser(LIMITS);

  List<DeliveredReading> readAll(List<KinesisEventRecord> records) {
    if (records == null) return List.of();
    List<DeliveredReading> read = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) read.add(read(records.get(i), i));
    return read;
  }

  /** @param index its place in the batch: names a record that has no sequence number */
  DeliveredReading read(KinesisEventRecord record, int index) {
    var kinesis = record == null ? null : record.getKinesis();
    String sequenceNumber = kinesis == null ? null : kinesis.getSequenceNumber();
    // Lambda cannot match a failure without a sequence number to a record and retries the whole batch: the only
    // safe answer for a record it would otherwise lose track of.
    String itemId = sequenceNumber != null ? sequenceNumber : "(record " + index + " has no sequence number)";
    try {
      if (kinesis == null) throw new MalformedReadingException("no kinesis section");
      ShardSequence sequence = ShardSequence.parse(sequenceNumber);
      String deviceId = kinesis.getPartitionKey();
      if (deviceId == null || deviceId.isEmpty()) throw new MalformedReadingException("no partitionKey (the device id)");
      return new DeliveredReading.DeviceReading(deviceId, sequence, parse(kinesis.getData()));
    } catch (MalformedReadingException e) {
      return new DeliveredReading.Malformed(itemId, e.getMessage());
    }
  }

  private Reading parse(ByteBuffer data) throws MalformedReadingException {
    if (data == null) throw new MalformedReadingException("no data");
    byte[] bytes = new byte[data.remaining()];
    data.duplicate().get(bytes);
    return switch (parser.parse(bytes)) {
      case Reading reading -> reading;
      case Rejection rejection -> throw new MalformedReadingException(
          "not a reading (" + rejection.reason().code() + "): " + rejection.detail());
    };
  }
}
