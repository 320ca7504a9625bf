package dev.lambdaloom.functions.readings;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Builds Kinesis events as the runtime hands them to the handler. */
final class KinesisEvents {
  static final String ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/Readings";
  /** A sequence number as long as Kinesis's are today (56 digits); {@link #sequence} counts up from it. */
  static final String BASE = "49590338271490256608559692538361571095921575989136588800";

  private KinesisEvents() {}

  static String sequence(int n) {
    return new BigInteger(BASE).add(BigInteger.valueOf(n)).toString();
  }

  static KinesisEvent event(List<KinesisEventRecord> records) {
    KinesisEvent event = new KinesisEvent();
    event.setRecords(new ArrayList<>(records));
    return event;
  }

  static KinesisEventRecord record(String device, String sequence, byte[] data) {
    KinesisEvent.Record kinesis = new KinesisEvent.Record();
    kinesis.setPartitionKey(device);
    kinesis.setSequenceNumber(sequence);
    kinesis.setData(ByteBuffer.wrap(data));
    kinesis.setApproximateArrivalTimestamp(Date.from(Instant.parse("2026-03-01T12:00:00Z")));
    kinesis.setKinesisSchemaVersion("1.0");
    KinesisEventRecord record = new KinesisEventRecord();
    record.setKinesis(kinesis);
    record.setEventSource("aws:kinesis");
    record.setEventName("aws:kinesis:record");
    record.setEventSourceARN(ARN);
    record.setEventID("shardId-000000000000:" + sequence);
    record.setAwsRegion("us-east-1");
    return record;
  }

  static KinesisEventRecord record(String device, String sequence, String data) {
    return record(device, sequence, data.getBytes(StandardCharsets.UTF_8));
  }
}
