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
    /**
     * Data page v1, PLAIN int64 values: readable by any Parquet reader ever written, files about 1.7 times the size of
     * v2's, and slower to write (more bytes to compress and upload).
     */
    PARQUET_1_0,
    /**
     * Data page v2, DELTA_BINARY_PACKED values and DELTA_BYTE_ARRAY strings: read by pyarrow and pandas, DuckDB,
     * Spark (3.3 on also in its vectorized reader), Trino, Polars; some older or smaller readers refuse these pages
     * (pick PARQUET_1_0 for those).
     */
    PARQUET_2_0
  }

  /**
   * 4 MiB row groups, 1 MiB pages, PARQUET_2_0, SNAPPY. Delta-packed sensor values take 3 bytes each against 5 for
   * plain ones compressed with Snappy, and cost less CPU: about 250 MB of JSON per second per core through parse,
   * validation and writing against 190 for v1 pages (see bench-results/ingest), and, end to end in the function,
   * about a third more documents per vCPU-second. Snappy is the codec every reader has; on delta-packed random
   * values it gains little, on real series more. A row group (about 500 documents of 1,000 values) is held in memory
   * until it is written: small ones die young in the garbage collector and keep the function under 256 MB; ask for
   * larger ones when memory allows.
   */
  public static final ParquetOptions DEFAULT =
      new ParquetOptions(4L * 1024 * 1024, 1024 * 1024, Compression.SNAPPY, WriterVersion.PARQUET_2_0);

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
