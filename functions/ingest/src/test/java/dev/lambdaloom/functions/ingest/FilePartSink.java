package dev.lambdaloom.functions.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends each part to a local file as it comes, for tests that read the file back; an abort deletes it. */
final class FilePartSink implements PartSink {
  private final Path file;

  private FilePartSink(Path file) throws IOException {
    this.file = file;
    Files.deleteIfExists(file);
  }

  /** A writer to {@code file}, replacing any file already there, through the same parts an upload gets. */
  static ReadingsParquetWriter writer(Path file, ParquetOptions options) throws IOException {
    return ReadingsParquetWriter.toParts(new FilePartSink(file), PartSink.DEFAULT_PART_BYTES, options);
  }

  @Override
  public void part(int partNumber, byte[] bytes, int length) throws IOException {
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      out.write(bytes, 0, length);
    }
  }

  @Override
  public void complete() {}

  @Override
  public void abort() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a partial file in a test's temporary directory
    }
  }
}
