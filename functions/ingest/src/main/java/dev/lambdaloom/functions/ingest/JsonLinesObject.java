package dev.lambdaloom.functions.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * A JSON Lines object written as it goes, through the same part-by-part upload as the Parquet
 * file; nothing is written, and no object appears, until the first line.
 */
final class JsonLinesObject implements AutoCloseable {
  /** Writes one record's fields into an object already started. */
  @FunctionalInterface
  interface Fields {
    void write(JsonGenerator json) throws IOException;
  }

  /** One generator per line, over a stream that stays open. */
  private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private final Supplier<PartSink> sinks;
  private final String key;
  private MultipartOutputFile file;
  private OutputStream out;
  private long lines;
  private boolean completed;

  JsonLinesObject(String key, Supplier<PartSink> sinks) {
    this.key = key;
    this.sinks = sinks;
  }

  void append(Fields fields) throws IOException {
    if (out == null) {
      file = new MultipartOutputFile(sinks.get(), PartSink.MIN_PART_BYTES);
      out = file.create(0);
    }
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      fields.write(json);
      json.writeEndObject();
    }
    out.write('\n');
    lines++;
  }

  long lines() {
    return lines;
  }

  /** The key, if anything was written. */
  String keyIfWritten() {
    return lines == 0 ? null : key;
  }

  /** Bytes written so far. */
  long bytesWritten() {
    return file == null ? 0 : file.bytesWritten();
  }

  /** Bytes written but not yet handed to the upload (the part being filled). */
  long bytesNotSent() {
    return file == null ? 0 : file.bytesNotSent();
  }

  /**
   * Completes the object (if there is one). Completed only once this returns: after a failure, {@link #close()} still
   * discards it, which aborts an upload that had started.
   */
  void finish() throws IOException {
    if (out != null && !completed) {
      out.close();
      completed = true;
    }
  }

  /** Drops what was written unless {@link #finish()} completed it. */
  @Override
  public void close() {
    if (file != null && !completed) {
      file.discard();
    }
  }
}
