package dev.lambdaloom.functions.ingest;

import dev.lambdaloom.readingformat.Reading;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;

/**
 * Writes readings to one Parquet file, with parquet-java but no Hadoop at run time: the schema is
 * {@code datetime: string, values: list<int64>}; by default pages are PARQUET_2_0 (delta-packed values) and
 * compressed with pure-Java Snappy (see {@link ParquetOptions}). The file goes to a {@link PartSink} in parts.
 *
 * <p>Rows go straight to parquet's column writers (two columns, so shredding a reading is a loop): parquet's generic
 * record consumer spent more CPU per value than encoding it (a start, end and bookkeeping call per list element).
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

  private static final ColumnDescriptor DATETIME = ReadingSchema.READING.getColumns().get(0);
  private static final ColumnDescriptor VALUE = ReadingSchema.READING.getColumns().get(1);
  /** A present list element; one level less is an empty list (the values group without its repeated field). */
  private static final int ELEMENT_LEVEL = VALUE.getMaxDefinitionLevel();

  private final MultipartOutputFile output;
  private final ParquetFileWriter file;
  private final ParquetProperties properties;
  private final BytesInputCompressor compressor;
  private final long rowGroupBytes;
  private RowGroup group;
  private long groupRows;
  private int rowGroups;
  private State state = State.OPEN;
  private long rows;
  private long values;
  private ParquetSummary summary;

  /** The row group being buffered: parquet's page store (compressed pages) and its column writers. */
  private record RowGroup(ColumnChunkPageWriteStore pages, ColumnWriteStore columns, ColumnWriter datetime,
      ColumnWriter values) {}

  private ReadingsParquetWriter(MultipartOutputFile output, ParquetFileWriter file, ParquetProperties properties,
      BytesInputCompressor compressor, long rowGroupBytes) {
    this.output = output;
    this.file = file;
    this.properties = properties;
    this.compressor = compressor;
    this.rowGroupBytes = rowGroupBytes;
  }

  /**
   * A writer that hands the file to {@code sink} in parts of {@code partBytes} (at least {@link PartSink#MIN_PART_BYTES};
   * {@link PartSink#DEFAULT_PART_BYTES} is a good choice), for S3 multipart upload.
   */
  public static ReadingsParquetWriter toParts(PartSink sink, int partBytes, ParquetOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    MultipartOutputFile output = new MultipartOutputFile(sink, partBytes);
    try {
      ParquetProperties properties = ParquetProperties.builder()
          .withWriterVersion(switch (options.writerVersion()) {
            case PARQUET_1_0 -> WriterVersion.PARQUET_1_0;
            case PARQUET_2_0 -> WriterVersion.PARQUET_2_0;
          })
          .withPageSize(options.pageBytes())
          // Parquet checks page sizes only every 100 rows by default: 100 rows of 100,000 values are 80 MB. Check
          // after every row (cheap: two columns) so pages stay near their size however large rows get.
          .withMinRowCountForPageSizeCheck(1)
          // Sensor values and timestamps are mostly distinct: dictionaries would be abandoned after costing a hash
          // lookup per value.
          .withDictionaryEncoding(false)
          .build();
      // Our own codecs: parquet's default factory instantiates Hadoop classes.
      BytesInputCompressor compressor = new PureJavaCodecFactory().getCompressor(switch (options.compression()) {
        case ZSTD -> CompressionCodecName.ZSTD;
        case SNAPPY -> CompressionCodecName.SNAPPY;
        case LZ4_RAW -> CompressionCodecName.LZ4_RAW;
        case UNCOMPRESSED -> CompressionCodecName.UNCOMPRESSED;
      });
      ParquetFileWriter file = new ParquetFileWriter(output, ReadingSchema.READING, ParquetFileWriter.Mode.OVERWRITE,
          options.rowGroupBytes(), 0, null, properties);
      file.start();
      return new ReadingsParquetWriter(output, file, properties, compressor, options.rowGroupBytes());
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
      if (group == null) {
        group = newRowGroup();
      }
      group.datetime().write(Binary.fromString(reading.datetime()), 0, 0);
      long[] list = reading.values();
      ColumnWriter elements = group.values();
      if (list.length == 0) {
        elements.writeNull(0, ELEMENT_LEVEL - 1);
      } else {
        elements.write(list[0], 0, ELEMENT_LEVEL); // repetition level 0: a new row's list
        for (int i = 1; i < list.length; i++) {
          elements.write(list[i], 1, ELEMENT_LEVEL); // 1: the next element of the same list
        }
      }
      group.columns().endRecord();
      groupRows++;
      rows++;
      values += list.length;
      if (group.columns().getBufferedSize() >= rowGroupBytes) {
        flushRowGroup();
      }
    } catch (IOException | RuntimeException e) {
      discardAfter(e);
      throw e;
    }
  }

  /**
   * Writes the last row group and the footer, and completes the output (the sink's {@link PartSink#complete()}).
   * Idempotent once it has succeeded; on failure the file is discarded.
   */
  public ParquetSummary finish() throws IOException {
    if (state == State.FINISHED) return summary;
    ensureOpen();
    try {
      flushRowGroup();
      file.end(Map.of());
    } catch (IOException | RuntimeException e) {
      discardAfter(e);
      throw e;
    }
    state = State.FINISHED;
    summary = new ParquetSummary(rows, values, output.bytesWritten(), rowGroups);
    return summary;
  }

  private RowGroup newRowGroup() {
    ColumnChunkPageWriteStore pages = ColumnChunkPageWriteStore.builder()
        .withSchema(ReadingSchema.READING)
        .withCompressorProvider(column -> compressor)
        .withAllocator(properties.getAllocator())
        .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
        .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
        .withRowGroupOrdinal(rowGroups)
        .build();
    ColumnWriteStore columns = properties.newColumnWriteStore(ReadingSchema.READING, pages, pages);
    return new RowGroup(pages, columns, columns.getColumnWriter(DATETIME), columns.getColumnWriter(VALUE));
  }

  /** Encodes the buffered rows' last pages and hands the row group to the file (and so to the sink). */
  private void flushRowGroup() throws IOException {
    if (group == null) return;
    RowGroup flushing = group;
    group = null;
    try {
      file.startBlock(groupRows);
      flushing.columns().flush();
      flushing.pages().flushToFileWriter(file);
      file.endBlock();
      rowGroups++;
      groupRows = 0;
    } finally {
      flushing.columns().close();
      flushing.pages().close();
    }
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

  /** Bytes of the row group being buffered: encoded, compressed and handed to the output when it is written out. */
  public long bytesBuffered() {
    return group == null ? 0 : group.columns().getBufferedSize();
  }

  /**
   * Bytes the finish still has to encode and compress: the page being filled, at most a page per column (the row
   * group's earlier pages were compressed as they filled, and are only copied).
   */
  long bytesToCompress() {
    return Math.min(bytesBuffered(), (long) properties.getPageSizeThreshold() * ReadingSchema.READING.getColumns().size());
  }

  /** Bytes handed to the output but not yet to its sink (the part being filled). */
  long bytesNotSent() {
    return output.bytesNotSent();
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
}
