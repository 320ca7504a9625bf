package dev.lambdaloom.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.readingformat.Reading;
import dev.lambdaloom.readingformat.ReadingJson;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hadoop's API is on the test class path (provided scope), so any use of it would load it here. Writing must not:
 * the Lambda zip does not have it. (IngestZipIT runs the writer from the zip itself.)
 */
class NoHadoopAtRunTimeTest {
  @Test
  void writingParquetLoadsNoHadoopClass(@TempDir Path directory) throws Exception {
    ClassLoader loader = ReadingsParquetWriter.class.getClassLoader();
    assertThat(loader.getResource("org/apache/hadoop/conf/Configuration.class")).as("Hadoop is loadable").isNotNull();

    Reading reading = new Reading("2020-01-27T07:07:27.744489", ReadingJson.sensorValues(1_000, 1));
    try (ReadingsParquetWriter writer = FilePartSink.writer(directory.resolve("a.parquet"),
        ParquetOptions.DEFAULT)) {
      writer.write(reading);
      writer.finish();
    }
    try (ReadingsParquetWriter writer = ReadingsParquetWriter.toParts(new CollectingPartSink(),
        PartSink.MIN_PART_BYTES, ParquetOptions.DEFAULT.withCompression(ParquetOptions.Compression.UNCOMPRESSED))) {
      writer.write(reading);
      writer.finish();
    }

    List<String> packages = Arrays.stream(loader.getDefinedPackages()).map(Package::getName).toList();
    assertThat(packages).as("the check sees parquet's classes").contains("org.apache.parquet.hadoop");
    assertThat(packages).noneMatch(name -> name.startsWith("org.apache.hadoop"));
  }
}
