package dev.lambdaloom.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.functions.ingest.ParquetOptions.Compression;
import dev.lambdaloom.functions.ingest.ParquetOptions.WriterVersion;
import dev.lambdaloom.readingformat.Reading;
import dev.lambdaloom.readingformat.ReadingJson;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Writes readings and reads them back with DuckDB, an independent Parquet reader. */
class ReadingsParquetWriterTest {
  private static DuckDb duckDb;

  @TempDir Path directory;

  /** Plain int64 pages, for tests about bytes and layout: their size is predictable (delta-packed pages are not). */
  private static final ParquetOptions V1 = ParquetOptions.DEFAULT.withWriterVersion(WriterVersion.PARQUET_1_0);

  @BeforeAll
  static void startDuckDb() throws SQLException {
    duckDb = new DuckDb();
  }

  @AfterAll
  static void stopDuckDb() throws SQLException {
    duckDb.close();
  }

  @Test
  void duckDbReadsBackEveryRowAndValue() throws Exception {
    List<Reading> readings = readings(1_000, 1_000);
    for (int i = 0; i < 3; i++) {
      readings.add(new Reading(ReadingJson.datetime(10_000 + i), ReadingJson.sensorValues(100_000, 10_000 + i)));
    }
    Path file = directory.resolve("readings.parquet");

    ParquetSummary summary = write(FilePartSink.writer(file, ParquetOptions.DEFAULT), readings);

    assertThat(summary.rows()).isEqualTo(1_003);
    assertThat(summary.values()).isEqualTo(1_300_000);
    assertThat(summary.bytes()).isEqualTo(Files.size(file));
    assertMatches(file, readings);
    assertThat(duckDb.row("SELECT typeof(datetime), typeof(values) FROM read_parquet(" + DuckDb.literal(file)
        + ") LIMIT 1")).containsExactly("VARCHAR", "BIGINT[]");
  }

  @Test
  void schemaIsTheStandardThreeLevelList() throws Exception {
    Path file = directory.resolve("schema.parquet");
    write(FilePartSink.writer(file, ParquetOptions.DEFAULT), readings(3, 10));

    List<List<Object>> schema = duckDb.query("SELECT name, type, repetition_type, converted_type FROM parquet_schema("
        + DuckDb.literal(file) + ")");

    assertThat(schema).containsExactly(
        Arrays.asList("reading", null, null, null),
        List.of("datetime", "BYTE_ARRAY", "REQUIRED", "UTF8"),
        Arrays.asList("values", null, "REQUIRED", "LIST"),
        Arrays.asList("list", null, "REPEATED", null),
        Arrays.asList("element", "INT64", "REQUIRED", null));
  }

  @Test
  void keepsTheInt64RangeAndTheOrderOfValues() throws Exception {
    List<Reading> readings = List.of(
        new Reading("2020-01-27T07:07:27.744489", new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE}),
        new Reading("2020-01-27T07:07:28Z", new long[] {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE}),
        new Reading("2020-01-27T07:07:29+01:00", new long[] {-42}),
        new Reading("2020-01-27T07:07:30", new long[0]));
    Path file = directory.resolve("extremes.parquet");

    write(FilePartSink.writer(file, ParquetOptions.DEFAULT), readings);

    List<List<Object>> rows = duckDb.query("SELECT datetime, values FROM read_parquet(" + DuckDb.literal(file) + ")");
    assertThat(rows).containsExactly(
        List.of("2020-01-27T07:07:27.744489", List.of(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE)),
        List.of("2020-01-27T07:07:28Z", List.of(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE)),
        List.of("2020-01-27T07:07:29+01:00", List.of(-42L)),
        List.of("2020-01-27T07:07:30", List.of()));
    assertMatches(file, readings);
  }

  @Test
  void pagesAreSnappyByDefaultWithoutDictionariesAndPlainInt64sCompressSmaller() throws Exception {
    Path snappy = directory.resolve("snappy.parquet");
    Path plain = directory.resolve("plain.parquet");
    List<Reading> readings = readings(200, 1_000);

    long snappyBytes = write(FilePartSink.writer(snappy, V1), readings).bytes();
    long plainBytes = write(FilePartSink.writer(plain, V1.withCompression(Compression.UNCOMPRESSED)), readings).bytes();

    assertThat(ParquetOptions.DEFAULT.compression()).isEqualTo(Compression.SNAPPY);
    assertThat(duckDb.query("SELECT DISTINCT compression FROM parquet_metadata(" + DuckDb.literal(snappy) + ")"))
        .containsExactly(List.of("SNAPPY"));
    assertThat(duckDb.query("SELECT DISTINCT compression FROM parquet_metadata(" + DuckDb.literal(plain) + ")"))
        .containsExactly(List.of("UNCOMPRESSED"));
    assertThat(duckDb.query("SELECT encodings FROM parquet_metadata(" + DuckDb.literal(snappy) + ")").toString())
        .doesNotContain("DICTIONARY");
    assertThat(snappyBytes).isLessThan(plainBytes * 3 / 4); // 17-bit values in 64-bit slots compress
    assertMatches(snappy, readings);
    assertMatches(plain, readings);
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void everyPureJavaCodecIsReadBackByAnIndependentReader(Compression compression) throws Exception {
    for (ParquetOptions.WriterVersion version : ParquetOptions.WriterVersion.values()) {
      Path file = directory.resolve(compression + "-" + version + ".parquet");
      List<Reading> readings = readings(300, 1_000);

      write(FilePartSink.writer(file,
          ParquetOptions.DEFAULT.withCompression(compression).withWriterVersion(version)), readings);

      assertThat(duckDb.query("SELECT DISTINCT compression FROM parquet_metadata(" + DuckDb.literal(file) + ")"))
          .containsExactly(List.of(compression.name()));
      assertMatches(file, readings);
    }
  }

  @Test
  void defaultPagesAreParquet2DeltaEncodedAndSmallerThanV1() throws Exception {
    Path v1 = directory.resolve("v1.parquet");
    Path v2 = directory.resolve("v2.parquet");
    List<Reading> readings = readings(200, 1_000);

    long v1Bytes = write(FilePartSink.writer(v1, V1), readings).bytes();
    long v2Bytes = write(FilePartSink.writer(v2, ParquetOptions.DEFAULT), readings).bytes();

    assertThat(duckDb.query("SELECT encodings FROM parquet_metadata(" + DuckDb.literal(v1) + ") WHERE "
        + "path_in_schema LIKE '%element'").toString()).doesNotContain("DELTA");
    assertThat(duckDb.query("SELECT encodings FROM parquet_metadata(" + DuckDb.literal(v2) + ") WHERE "
        + "path_in_schema LIKE '%element'").toString()).contains("DELTA_BINARY_PACKED");
    assertThat(v2Bytes).isLessThan(v1Bytes * 3 / 4);
    assertMatches(v1, readings);
    assertMatches(v2, readings);
  }

  @Test
  void smallRowGroupsGiveSeveralRowGroups() throws Exception {
    Path file = directory.resolve("groups.parquet");
    List<Reading> readings = readings(1_000, 1_000);
    ParquetOptions options = ParquetOptions.DEFAULT.withRowGroupBytes(512 * 1024).withPageBytes(64 * 1024);

    ParquetSummary summary = write(FilePartSink.writer(file, options), readings);

    List<Object> metadata = duckDb.row("SELECT count(DISTINCT row_group_id), max(row_group_num_rows) FROM "
        + "parquet_metadata(" + DuckDb.literal(file) + ")");
    assertThat(summary.rowGroups()).isGreaterThanOrEqualTo(4);
    assertThat(((Number) metadata.get(0)).intValue()).isEqualTo(summary.rowGroups());
    assertThat(((Number) metadata.get(1)).longValue()).isLessThan(1_000);
    assertMatches(file, readings);
  }

  @Test
  void rowsLargerThanAPageOrARowGroupAreFine() throws Exception {
    Path file = directory.resolve("big-rows.parquet");
    List<Reading> readings = readings(5, 100_000);
    ParquetOptions options = V1.withRowGroupBytes(256 * 1024).withPageBytes(16 * 1024);

    ParquetSummary summary = write(FilePartSink.writer(file, options), readings);

    assertThat(summary.rowGroups()).isEqualTo(5); // one row per row group: never more than a row over the size
    assertMatches(file, readings);
  }

  @Test
  void partsAreFullSizeExceptTheLastAndConcatenateToTheFile() throws Exception {
    CollectingPartSink sink = new CollectingPartSink();
    List<Reading> readings = readings(1_500, 1_000);
    ParquetOptions options = V1.withCompression(Compression.UNCOMPRESSED);

    ParquetSummary summary = write(ReadingsParquetWriter.toParts(sink, PartSink.MIN_PART_BYTES, options), readings);

    assertThat(sink.parts).hasSizeGreaterThanOrEqualTo(3);
    for (int i = 0; i < sink.parts.size(); i++) {
      CollectingPartSink.Part part = sink.parts.get(i);
      assertThat(part.number()).isEqualTo(i + 1);
      if (i < sink.parts.size() - 1) {
        assertThat(part.bytes()).hasSize(PartSink.MIN_PART_BYTES);
      } else {
        assertThat(part.bytes().length).isBetween(1, PartSink.MIN_PART_BYTES);
      }
    }
    assertThat(sink.completions).isEqualTo(1);
    assertThat(sink.aborts).isZero();
    Path file = Files.write(directory.resolve("parts.parquet"), sink.concatenated());
    assertThat(summary.bytes()).isEqualTo(Files.size(file));
    assertMatches(file, readings);
  }

  @Test
  void partsGoOutWhileRowsAreStillBeingWritten() throws Exception {
    CollectingPartSink sink = new CollectingPartSink();
    ParquetOptions options = V1.withRowGroupBytes(1024 * 1024)
        .withCompression(Compression.UNCOMPRESSED);
    ReadingsParquetWriter writer = ReadingsParquetWriter.toParts(sink, PartSink.MIN_PART_BYTES, options);

    for (Reading reading : readings(1_000, 1_000)) writer.write(reading);

    assertThat(sink.parts).isNotEmpty();
    assertThat(writer.bytesWritten()).isGreaterThan(PartSink.MIN_PART_BYTES);
    assertThat(writer.rowsWritten()).isEqualTo(1_000);
    assertThat(writer.valuesWritten()).isEqualTo(1_000_000);
    assertThat(sink.completions).isZero();
    writer.finish();
    assertThat(sink.completions).isEqualTo(1);
  }

  @Test
  void aSmallFileIsOnePart() throws Exception {
    CollectingPartSink sink = new CollectingPartSink();
    List<Reading> readings = readings(10, 100);

    write(ReadingsParquetWriter.toParts(sink, PartSink.DEFAULT_PART_BYTES, ParquetOptions.DEFAULT), readings);

    assertThat(sink.parts).hasSize(1);
    assertThat(sink.completions).isEqualTo(1);
    assertMatches(Files.write(directory.resolve("one-part.parquet"), sink.concatenated()), readings);
  }

  @Test
  void closingWithoutFinishingAbortsTheUploadAndTheWriterRefusesMore() throws Exception {
    CollectingPartSink sink = new CollectingPartSink();
    ReadingsParquetWriter writer = ReadingsParquetWriter.toParts(sink, PartSink.MIN_PART_BYTES,
        ParquetOptions.DEFAULT);
    writer.write(readings(1, 10).getFirst());

    writer.close();

    assertThat(sink.aborts).isEqualTo(1);
    assertThat(sink.completions).isZero();
    assertThatThrownBy(() -> writer.write(readings(1, 10).getFirst())).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closingAfterFinishingKeepsTheFile() throws Exception {
    CollectingPartSink sink = new CollectingPartSink();
    ParquetSummary summary;
    try (ReadingsParquetWriter writer = ReadingsParquetWriter.toParts(sink, PartSink.MIN_PART_BYTES,
        ParquetOptions.DEFAULT)) {
      writer.write(readings(1, 10).getFirst());
      summary = writer.finish();
      assertThat(writer.finish()).isEqualTo(summary);
    }

    assertThat(sink.completions).isEqualTo(1);
    assertThat(sink.aborts).isZero();
    assertThat(summary.rows()).isEqualTo(1);
  }

  @Test
  void aFailedPartAbortsTheUploadAndEndsTheWriter() throws Exception {
    CollectingPartSink sink = new CollectingPartSink();
    sink.failOnPart = 2;
    ParquetOptions options = V1.withRowGroupBytes(1024 * 1024)
        .withCompression(Compression.UNCOMPRESSED);
    ReadingsParquetWriter writer = ReadingsParquetWriter.toParts(sink, PartSink.MIN_PART_BYTES, options);

    assertThatThrownBy(() -> {
      for (Reading reading : readings(2_000, 1_000)) writer.write(reading);
      writer.finish();
    }).isInstanceOf(IOException.class).hasMessageContaining("part 2");

    assertThat(sink.parts).hasSize(1);
    assertThat(sink.aborts).isEqualTo(1);
    assertThat(sink.completions).isZero();
    assertThatThrownBy(() -> writer.write(readings(1, 10).getFirst())).isInstanceOf(IllegalStateException.class);
    writer.close();
    assertThat(sink.aborts).isEqualTo(1);
  }

  @Test
  void partsSmallerThanS3AllowsAreRefused() {
    assertThatThrownBy(() -> ReadingsParquetWriter.toParts(new CollectingPartSink(), PartSink.MIN_PART_BYTES - 1,
        ParquetOptions.DEFAULT)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimum");
  }

  private static ParquetSummary write(ReadingsParquetWriter writer, List<Reading> readings) throws IOException {
    try (writer) {
      for (Reading reading : readings) writer.write(reading);
      return writer.finish();
    }
  }

  /** {@code count} readings of {@code size} values each, different in every row. */
  private static List<Reading> readings(int count, int size) {
    List<Reading> readings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      readings.add(new Reading(ReadingJson.datetime(i), ReadingJson.sensorValues(size, i)));
    }
    return readings;
  }

  /** Row count, value count, the sum of all values and each row's sum match, as DuckDB reads the file. */
  private static void assertMatches(Path file, List<Reading> readings) throws SQLException {
    BigInteger expectedSum = BigInteger.ZERO;
    long expectedValues = 0;
    for (Reading reading : readings) {
      for (long value : reading.values()) expectedSum = expectedSum.add(BigInteger.valueOf(value));
      expectedValues += reading.values().length;
    }
    List<Object> totals = duckDb.row("SELECT count(*), sum(len(values)), CAST(sum(list_sum(values)) AS VARCHAR) "
        + "FROM read_parquet(" + DuckDb.literal(file) + ")");
    assertThat(((Number) totals.get(0)).longValue()).isEqualTo(readings.size());
    assertThat(((Number) totals.get(1)).longValue()).isEqualTo(expectedValues);
    assertThat(totals.get(2)).isEqualTo(expectedValues == 0 ? null : expectedSum.toString());
  }
}
