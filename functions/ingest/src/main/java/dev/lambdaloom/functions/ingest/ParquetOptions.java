package dev.lambdaloom.functions.ingest;

import java.util.Objects;

/**
 * How {@link ReadingsParquetWriter} lays out a file. Memory while writing is about one row group plus one page per
 * column: parquet holds a row group's (compressed) pages until the row group is complete.
 *
 * @param rowGroupBytes buffered bytes at which a row group is written out
 * @param pageBytes uncompressed bytes at which a page is cut (at a row boundary, so a page holds at least one row)
 * @param compression the page codec
 * @param writerVersion the page format and encodings
 */
public record ParquetOptions(long rowGroupBytes, int pageBytes, Compression compression, WriterVersion writerVersion) {
  /** Page codecs that need no native code (aircompressor's pure-Java implementations). */
  public enum Compression {
    /** Zstandard: the smallest files; read by every current Parquet reader; the slowest to write. */
    ZSTD,
    /** Snappy: the codec every Parquet reader has always read; several times faster to write than ZSTD. */
    SNAPPY,
    /** LZ4 (raw blocks): about as fast as Snappy; readers from about 2022 on (pyarrow 7, Spark 3.3, DuckDB). */
    LZ4_RAW,
    UNCOMPRESSED
  }

  /** Parquet's writer versions, as parquet-java names them. */
  public enum WriterVersion {
    /** Data page v1, PLAIN int64 values: the most widely readable. */
    PARQUET_1_0,
    /**
     * Data page v2, DELTA_BINARY_PACKED values and DELTA_BYTE_ARRAY strings: about 20% smaller and twice as fast to
     * write with ZSTD (bit-packed values leave the compressor less to do), but older readers reject v2 pages.
     */
    PARQUET_2_0
  }

  /**
   * 4 MiB row groups, 1 MiB pages, SNAPPY, PARQUET_1_0. Snappy on v1 pages is the format every Parquet
   * reader reads, and fast enough in pure Java (about 150 MB of JSON per second per core through
   * parse, validation and writing, against about 80 with ZSTD; see bench-results/ingest); PARQUET_2_0
   * with ZSTD writes files 40% smaller just as fast, for readers from the last few years. A row group
   * (about 500 documents of 1,000 values) is held in memory until it is written: small ones die young
   * in the garbage collector and keep the function under 256 MB; ask for larger ones when memory allows.
   */
  public static final ParquetOptions DEFAULT =
      new ParquetOptions(4L * 1024 * 1024, 1024 * 1024, Compression.SNAPPY, WriterVersion.PARQUET_1_0);

  public ParquetOptions {
    if (rowGroupBytes < 1) throw new IllegalArgumentException("rowGroupBytes < 1: " + rowGroupBytes);
    if (pageBytes < 1) throw new IllegalArgumentException("pageBytes < 1: " + pageBytes);
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(writerVersion, "writerVersion");
  }

  public ParquetOptions withRowGroupBytes(long rowGroupBytes) {
    return new ParquetOptions(rowGroupBytes, pageBytes, compression, writerVersion);
  }

  public ParquetOptions withPageBytes(int pageBytes) {
    return new ParquetOptions(rowGroupBytes, pageBytes, compression, writerVersion);
  }

  public ParquetOptions withCompression(Compression compression) {
    return new ParquetOptions(rowGroupBytes, pageBytes, compression, writerVersion);
  }

  public ParquetOptions withWriterVersion(WriterVersion writerVersion) {
    return new ParquetOptions(rowGroupBytes, pageBytes, compression, writerVersion);
  }
}
