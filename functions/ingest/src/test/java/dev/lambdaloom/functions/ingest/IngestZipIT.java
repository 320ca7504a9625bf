package dev.lambdaloom.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.readingformat.ReadingJson;
import dev.lambdaloom.readingformat.ReadingParser;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the deployment zip that 'package' built: what it holds, and that the writer runs from it alone. */
class IngestZipIT {
  private static final Path ZIP = Path.of("target", "ingest.zip");
  /** Lambda allows 50 MB zipped; the Go binary of the same job is about 20 MB. */
  private static final long MAX_ZIP_BYTES = 20L * 1024 * 1024;

  @Test
  void holdsTheClassesAtTheRootAndOnlyRuntimeJarsInLib() throws IOException {
    List<String> jars = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) jars.add(entry.getName());
        if (entry.getName().endsWith(".class")) classes.add(entry.getName());
      }
    }

    assertThat(Files.size(ZIP)).isLessThanOrEqualTo(MAX_ZIP_BYTES);
    assertThat(classes).contains("dev/lambdaloom/functions/ingest/IngestHandler.class",
        "dev/lambdaloom/functions/ingest/ReadingsParquetWriter.class");
    assertThat(classes).noneMatch(name -> name.endsWith("Test.class") || name.endsWith("IT.class"));
    // The reading parser ingest shares with the readings function comes as its own jar.
    assertThat(jars).anyMatch(jar -> jar.startsWith("lib/lambdaloom-reading-format-"))
        .anyMatch(jar -> jar.startsWith("lib/jackson-core-"))
        .anyMatch(jar -> jar.startsWith("lib/parquet-hadoop-"))
        .anyMatch(jar -> jar.startsWith("lib/parquet-column-"))
        .anyMatch(jar -> jar.startsWith("lib/aircompressor-"));
    for (String unwanted : List.of("hadoop-", "snappy-java-", "zstd-jni-", "commons-pool-", "jackson-databind-",
        "duckdb_jdbc-", "junit-", "assertj-", "apache-client-", "netty-nio-client-", "lambdaloom-emulator-", "lambdaloom-services-", "lambdaloom-loopback-")) {
      assertThat(jars).as("lib/%s*", unwanted).noneMatch(jar -> jar.startsWith("lib/" + unwanted));
    }
  }

  @Test
  void writesParquetFromTheZipAloneWithoutHadoop(@TempDir Path directory) throws Exception {
    Path unpacked = unzip(ZIP, directory.resolve("function"));
    List<String> classPath = new ArrayList<>();
    classPath.add(unpacked.toString());
    try (var jars = Files.list(unpacked.resolve("lib"))) {
      jars.sorted().forEach(jar -> classPath.add(jar.toString()));
    }
    classPath.add(Path.of("target", "test-classes").toAbsolutePath().toString()); // the sample main only
    // and the sample documents it parses, from the reading format's test jar
    classPath.add(Path.of(ReadingJson.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI()).toString());
    Path file = directory.resolve("sample.parquet");
    Path output = directory.resolve("output.txt");

    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "--sun-misc-unsafe-memory-access=allow", "-cp", String.join(java.io.File.pathSeparator, classPath),
        WriteSampleParquet.class.getName(), file.toString(), "300", "1000")
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    boolean exited = process.waitFor(2, TimeUnit.MINUTES);
    if (!exited) process.destroyForcibly().waitFor();

    String log = Files.readString(output);
    assertThat(exited).as(log).isTrue();
    assertThat(process.exitValue()).as(log).isZero();
    assertThat(log).contains("300 rows, 300000 values").doesNotContain("NoClassDefFoundError");
    BigInteger expectedSum = BigInteger.ZERO;
    for (int i = 0; i < 300; i++) {
      for (long value : ReadingJson.sensorValues(1_000, i)) expectedSum = expectedSum.add(BigInteger.valueOf(value));
    }
    try (DuckDb duckDb = new DuckDb()) {
      assertThat(duckDb.row("SELECT count(*), CAST(sum(list_sum(values)) AS VARCHAR) FROM read_parquet("
          + DuckDb.literal(file) + ")")).containsExactly(300L, expectedSum.toString());
    }
  }

  private static Path unzip(Path zip, Path target) throws IOException {
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      for (ZipEntry entry : Collections.list(archive.entries())) {
        Path destination = target.resolve(entry.getName()).normalize();
        if (!destination.startsWith(target)) throw new IOException("entry outside the zip's root: " + entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(destination);
        } else {
          Files.createDirectories(destination.getParent());
          try (InputStream in = archive.getInputStream(entry)) {
            Files.copy(in, destination);
          }
        }
      }
    }
    return target;
  }
}
