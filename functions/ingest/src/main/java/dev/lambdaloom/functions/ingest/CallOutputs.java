package dev.lambdaloom.functions.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The objects one call writes under {@code base} ({@code <keyPrefix><run>/<call>}): the valid readings as Parquet,
 * the rejected documents and the failed ids as JSON Lines. Each is uploaded part by part as it grows, but appears in
 * S3 only when {@link #publish()} completes it, in this order:
 * <ol>
 *   <li>objects of this same call that an earlier attempt left and this one does not write are deleted (a retried
 *       invocation writes the same keys: the ones it writes are overwritten, the others must go, or the two attempts'
 *       documents would mix);
 *   <li>the rejected records, then the failed ids;
 *   <li>the Parquet object, last: when it is there, the set is whole. If any step fails, it is not published, and
 *       the invocation fails: its retry writes the set again, over whatever this attempt left.
 * </ol>
 * Closing without publishing aborts every upload. Not thread-safe: the writer thread's alone.
 */
final class CallOutputs implements AutoCloseable {
  static final String PARQUET_SUFFIX = ".parquet";
  static final String REJECTED_SUFFIX = "-rejected.jsonl";
  static final String FAILED_SUFFIX = "-failed.jsonl";
  private static final String PARQUET_TYPE = "application/vnd.apache.parquet";
  private static final String JSON_LINES_TYPE = "application/x-ndjson";
  /** Parts uploading at once per object: memory stays at a few parts. */
  private static final int PARTS_IN_FLIGHT = 2;

  private final S3Client s3;
  private final String bucket;
  private final ParquetOptions options;
  private final RequestTimes times;
  private final String parquetKey;
  private final Set<String> leftovers;
  private final Output rejected;
  private final Output failed;
  private ReadingsParquetWriter parquet;
  private S3MultipartSink parquetSink;
  private ParquetSummary summary;

  /** A JSON Lines object and the upload it goes to, once there is one. */
  private final class Output {
    final JsonLinesObject lines;
    S3MultipartSink sink;

    Output(String key) {
      lines = new JsonLinesObject(key, () -> {
        sink = new S3MultipartSink(s3, bucket, key, JSON_LINES_TYPE, PARTS_IN_FLIGHT, times);
        return sink;
      });
    }

    Backlog addTo(Backlog backlog) {
      return sink == null ? backlog
          : backlog.plusUpload(lines.bytesNotSent() + sink.bytesNotStored()).plusRequests(sink.requestsLeft());
    }
  }

  /**
   * @param existing keys under {@code base} found before the call started (see {@link BucketProbe}); only this call's
   *     own three keys among them are ever deleted
   */
  CallOutputs(S3Client s3, IngestRequest request, String base, Set<String> existing, RequestTimes times) {
    this.s3 = s3;
    this.bucket = request.bucket();
    this.options = request.parquet();
    this.times = times;
    this.parquetKey = base + PARQUET_SUFFIX;
    this.rejected = new Output(base + REJECTED_SUFFIX);
    this.failed = new Output(base + FAILED_SUFFIX);
    this.leftovers = new TreeSet<>(existing);
    this.leftovers.retainAll(Set.of(parquetKey, base + REJECTED_SUFFIX, base + FAILED_SUFFIX));
  }

  /** Opened at the first valid reading: a call with none writes no Parquet object. */
  ReadingsParquetWriter parquet() throws IOException {
    if (parquet == null) {
      parquetSink = new S3MultipartSink(s3, bucket, parquetKey, PARQUET_TYPE, PARTS_IN_FLIGHT, times);
      parquet = ReadingsParquetWriter.toParts(parquetSink, PartSink.DEFAULT_PART_BYTES, options);
    }
    return parquet;
  }

  JsonLinesObject rejected() {
    return rejected.lines;
  }

  JsonLinesObject failed() {
    return failed.lines;
  }

  /** Bytes written so far, to every object (the Parquet row group being buffered included). */
  long bytesWritten() {
    long parquetBytes = parquet == null ? 0 : parquet.bytesWritten() + parquet.bytesBuffered();
    return parquetBytes + rejected.lines.bytesWritten() + failed.lines.bytesWritten();
  }

  /** What publishing would take now: leftovers to delete, buffers to encode and upload, the last requests. */
  Backlog backlog() {
    Backlog backlog = Backlog.NOTHING.plusRequests(leftovers.size());
    backlog = rejected.addTo(failed.addTo(backlog));
    if (parquet != null) {
      backlog = backlog.plusEncoding(parquet.bytesToCompress())
          .plusUpload(parquet.bytesBuffered() + parquet.bytesNotSent() + parquetSink.bytesNotStored())
          .plusRequests(parquetSink.requestsLeft());
    }
    return backlog;
  }

  /** Publishes the call's objects, Parquet last (see the class comment); on failure nothing more is published. */
  void publish() throws IOException {
    List<String> written = keys(true);
    for (String leftover : leftovers) {
      if (!written.contains(leftover)) {
        times.timed(0, () -> s3.deleteObject(b -> b.bucket(bucket).key(leftover)));
      }
    }
    rejected.lines.finish();
    failed.lines.finish();
    if (parquet != null) {
      summary = parquet.finish();
    }
  }

  ParquetSummary summary() {
    return summary;
  }

  /** The keys published. */
  List<String> keys() {
    return keys(summary != null);
  }

  private List<String> keys(boolean withParquet) {
    List<String> keys = new ArrayList<>();
    if (withParquet && parquet != null) {
      keys.add(parquetKey);
    }
    if (rejected.lines.keyIfWritten() != null) {
      keys.add(rejected.lines.keyIfWritten());
    }
    if (failed.lines.keyIfWritten() != null) {
      keys.add(failed.lines.keyIfWritten());
    }
    return keys;
  }

  /** Aborts every upload not published. */
  @Override
  public void close() {
    if (parquet != null) {
      parquet.close(); // discards unless finished
    }
    rejected.lines.close();
    failed.lines.close();
  }
}
