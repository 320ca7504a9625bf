package dev.lambdaloom.functions.ingest;

import java.io.IOException;

/**
 * Receives a file in parts, in order, as S3 multipart upload wants them: every part but the last is exactly the
 * configured part size, which is at least {@link #MIN_PART_BYTES}. Called from the writing thread only.
 *
 * <p>Either {@link #complete()} or {@link #abort()} ends the sequence, once. A sink that received a single part before
 * {@code complete()} holds a small file, and may upload it with one PutObject instead.
 */
public interface PartSink {
  /** S3's minimum for every part but the last: 5 MiB. */
  int MIN_PART_BYTES = 5 * 1024 * 1024;

  /** 8 MiB: what the AWS SDKs default to. */
  int DEFAULT_PART_BYTES = 8 * 1024 * 1024;

  /**
   * Takes the next part. The array becomes the sink's: the writer never touches it again, so an uploader may keep it
   * while a request is in flight (and should bound how many it keeps, to bound memory).
   *
   * @param partNumber 1 for the first part, as S3 numbers them
   * @param bytes the part's bytes in {@code bytes[0, length)}
   */
  void part(int partNumber, byte[] bytes, int length) throws IOException;

  /** All parts were handed over; the file is whole. */
  void complete() throws IOException;

  /** The file will not be finished: throw away what was received. Must not throw. */
  void abort();
}
