package dev.lambdaloom.functions.ingest;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/** Writes a {@link Reading} straight to Parquet's record consumer: no Avro, no example object model. */
final class ReadingWriteSupport extends WriteSupport<Reading> {
  private RecordConsumer out;

  /** Abstract in parquet, so required; never called by our writer. */
  @Override
  @SuppressWarnings("deprecation")
  public WriteContext init(Configuration configuration) {
    return context();
  }

  /** Parquet's default builds a Hadoop Configuration from this one: the override keeps Hadoop from loading. */
  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return context();
  }

  private static WriteContext context() {
    return new WriteContext(ReadingSchema.READING, Map.of());
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.out = recordConsumer;
  }

  @Override
  public void write(Reading reading) {
    RecordConsumer out = this.out;
    out.startMessage();
    out.startField("datetime", 0);
    out.addBinary(Binary.fromString(reading.datetime()));
    out.endField("datetime", 0);

    out.startField("values", 1);
    out.startGroup();
    long[] values = reading.values();
    if (values.length > 0) { // an empty list is a values group without a list field
      out.startField("list", 0);
      for (long value : values) {
        out.startGroup();
        out.startField("element", 0);
        out.addLong(value);
        out.endField("element", 0);
        out.endGroup();
      }
      out.endField("list", 0);
    }
    out.endGroup();
    out.endField("values", 1);
    out.endMessage();
  }
}
