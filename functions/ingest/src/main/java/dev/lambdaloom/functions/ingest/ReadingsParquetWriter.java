package dev.lambdaloom.functions.ingest;

import java.io.IOException;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes readings to one Parquet file, with parquet-java but no Hadoop at run time: the schema is
 * {@code datetime: string, values: list<int64>}; by default pages are PARQUET_1_0 (the most widely readable) and
 * compressed with pure-Java Snappy (see {@link ParquetOptions}). The file goes to a {@link PartSink} in parts.
 *
 * <p>Memory stays bounded whatever the number of readings: about one row group ({@link ParquetOptions#rowGroupBytes})
 * plus one part. A reading is buffered until its row group is written out.
 *
 * <p>{@link #finish()} completes the file; {@link #close()} without {@code finish()} discards it (the sink is aborted:
 * a multipart upload is abandoned), so try-with-resources never publishes half a file:
 *
 * <pre>{@code
 * try (ReadingsParquetWriter writer = ReadingsParquetWriter.toParts(sink, PartSink.DEFAULT_PART_BYTES, options)) {
 *   for (Reading reading : readings) writer.write(reading);
 *   return writer.finish();
 * }
 * }</pre>
 *
 * <p>A failed {@code write} or {@code finish} discards the file too. Not thread-safe: use it from one thread at a time,
 * typically the single consumer of a bounded channel that the fetching threads feed.
 */
public final class ReadingsParquetWriter implements AutoCloseable {
  private enum State { OPEN, FINISHED, DISCARDED }

  private final MultipartOutputFile output;
  private final ParquetWriter<Reading> parquet;
  private State state = State.OPEN;
  private long rows;
  private long values;
  private ParquetSummary summary;

  private ReadingsParquetWriter(MultipartOutputFile output, ParquetWriter<Reading> parquet) {
    this.output = output;
    this.parquet = parquet;
  }

  /**
   * A writer that hands the file to {@code sink} in parts of {@code partBytes} (at least {@link PartSink#MIN_PART_BYTES};
   * {@link PartSink#DEFAULT_PART_BYTES} is a good choice), for S3 multipart upload.
   */
  public static ReadingsParquetWriter toParts(PartSink sink, int partBytes, ParquetOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    MultipartOutputFile output = new MultipartOutputFile(sink, partBytes);
    try {
      ParquetWriter<Reading> parquet = new Builder(output)
          // Plain configuration and our own codecs: parquet's defaults for both instantiate Hadoop classes.
          .withConf(new PlainParquetConfiguration())
          .withCodecFactory(new PureJavaCodecFactory())
          .withCompressionCodec(switch (options.compression()) {
            case ZSTD -> CompressionCodecName.ZSTD;
            case SNAPPY -> CompressionCodecName.SNAPPY;
            case LZ4_RAW -> CompressionCodecName.LZ4_RAW;
            case UNCOMPRESSED -> CompressionCodecName.UNCOMPRESSED;
          })
          .withWriterVersion(switch (options.writerVersion()) {
            case PARQUET_1_0 -> WriterVersion.PARQUET_1_0;
            case PARQUET_2_0 -> WriterVersion.PARQUET_2_0;
          })
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .withRowGroupSize(options.rowGroupBytes())
          .withPageSize(options.pageBytes())
          // Parquet checks sizes only every 100 rows by default: 100 rows of 100,000 values are 80 MB. Check after
          // every row (cheap: two columns) so row groups and pages stay near their sizes however large rows get.
          .withMinRowCountForPageSizeCheck(1)
          // Sensor values and timestamps are mostly distinct: dictionaries would be abandoned after costing a hash
          // lookup per value. Plain int64 pages compress well with ZSTD.
          .withDictionaryEncoding(false)
          .build();
      return new ReadingsParquetWriter(output, parquet);
    } catch (IOException | RuntimeException e) {
      discard(output, e);
      throw e;
    }
  }

  /** Adds one row. On failure the file is discarded and the writer is done. */
  public void write(Reading reading) throws IOException {
    Objects.requireNonNull(reading, "reading");
    ensureOpen();
    try {
      parquet.write(reading);
    } catch (IOException | RuntimeException e) {
      discardAfter(e);
      throw e;
    }
    rows++;
    values += reading.values().length;
  }

  /**
   * Writes the last row group and the footer, and completes the output (the sink's {@link PartSink#complete()}).
   * Idempotent once it has succeeded; on failure the file is discarded.
   */
  public ParquetSummary finish() throws IOException {
    if (state == State.FINISHED) return summary;
    ensureOpen();
    try {
      parquet.close();
    } catch (IOException | RuntimeException e) {
      discardAfter(e);
      throw e;
    }
    state = State.FINISHED;
    summary = new ParquetSummary(rows, values, output.bytesWritten(), parquet.getFooter().getBlocks().size());
    return summary;
  }

  /** Throws the file away unless it was finished: the sink is aborted. Idempotent. */
  public void abort() {
    if (state != State.OPEN) return;
    state = State.DISCARDED;
    output.discard();
  }

  /** Same as {@link #abort()}: a writer closed without {@link #finish()} leaves no file behind. */
  @Override
  public void close() {
    abort();
  }

  /** Readings written so far. */
  public long rowsWritten() {
    return rows;
  }

  /** Values written so far, over all readings. */
  public long valuesWritten() {
    return values;
  }

  /** Bytes handed to the output so far; grows a row group at a time, and is the file's size once finished. */
  public long bytesWritten() {
    return output.bytesWritten();
  }

  private void ensureOpen() {
    if (state != State.OPEN) throw new IllegalStateException("writer " + state.name().toLowerCase());
  }

  private void discardAfter(Exception failure) {
    state = State.DISCARDED;
    discard(output, failure);
  }

  private static void discard(MultipartOutputFile output, Exception failure) {
    try {
      output.discard();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static final class Builder extends ParquetWriter.Builder<Reading, Builder> {
    Builder(MultipartOutputFile file) {
      super(file);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** Abstract in parquet, so required; never called: our configuration is a {@link ParquetConfiguration}. */
    @Override
    @SuppressWarnings("deprecation")
    protected WriteSupport<Reading> getWriteSupport(Configuration conf) {
      return new ReadingWriteSupport();
    }

    /** Overridden because parquet's default converts to a Hadoop Configuration. */
    @Override
    protected WriteSupport<Reading> getWriteSupport(ParquetConfiguration conf) {
      return new ReadingWriteSupport();
    }
  }
}
