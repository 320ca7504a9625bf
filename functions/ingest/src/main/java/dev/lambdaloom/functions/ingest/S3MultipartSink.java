package dev.lambdaloom.functions.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Uploads a file to S3 part by part while it is being written: the multipart upload starts with the
 * first part, at most {@code inFlight} parts upload at once (so memory stays at a few parts), and
 * {@link #complete()} assembles them. A file of one part is a single PutObject. Any failure aborts
 * the upload: S3 keeps no half file.
 */
final class S3MultipartSink implements PartSink {
  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final String contentType;
  private final Semaphore inFlight;
  private final List<CompletableFuture<CompletedPart>> parts = new ArrayList<>();
  private byte[] firstPart;
  private int firstPartLength;
  private String uploadId;
  private boolean ended;

  S3MultipartSink(S3Client s3, String bucket, String key, String contentType, int inFlight) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.contentType = contentType;
    this.inFlight = new Semaphore(inFlight);
  }

  String key() {
    return key;
  }

  @Override
  public void part(int partNumber, byte[] bytes, int length) throws IOException {
    if (partNumber == 1) {
      firstPart = bytes; // held back: if it is the only one, a PutObject is cheaper than three calls
      firstPartLength = length;
      return;
    }
    if (uploadId == null) {
      uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)).uploadId();
      upload(1, firstPart, firstPartLength);
      firstPart = null;
    }
    upload(partNumber, bytes, length);
  }

  private void upload(int partNumber, byte[] bytes, int length) throws IOException {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting to upload part " + partNumber);
    }
    CompletableFuture<CompletedPart> part = new CompletableFuture<>();
    parts.add(part);
    Thread.ofVirtual().name("s3-part-" + partNumber).start(() -> {
      try {
        String eTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
            body(bytes, length)).eTag();
        part.complete(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
      } catch (RuntimeException e) {
        part.completeExceptionally(e);
      } finally {
        inFlight.release();
      }
    });
  }

  /** The part's bytes as they are: RequestBody.fromBytes would copy megabytes per part. */
  private static RequestBody body(byte[] bytes, int length) {
    return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
        "application/octet-stream");
  }

  @Override
  public void complete() throws IOException {
    ended = true;
    try {
      if (uploadId == null) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType),
            firstPart == null ? RequestBody.empty() : body(firstPart, firstPartLength));
        return;
      }
      List<CompletedPart> done = new ArrayList<>();
      for (CompletableFuture<CompletedPart> part : parts) {
        done.add(part.get());
      }
      done.sort(Comparator.comparing(CompletedPart::partNumber));
      s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
          .multipartUpload(m -> m.parts(done)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abortUpload();
      throw new InterruptedIOException("interrupted completing s3://" + bucket + "/" + key);
    } catch (ExecutionException | RuntimeException e) {
      abortUpload();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IOException("upload of s3://" + bucket + "/" + key + " failed: " + cause.getMessage(), cause);
    }
  }

  @Override
  public void abort() {
    if (ended) {
      return;
    }
    ended = true;
    abortUpload();
  }

  private void abortUpload() {
    firstPart = null;
    if (uploadId == null) {
      return;
    }
    for (CompletableFuture<CompletedPart> part : parts) {
      part.exceptionally(e -> null).join(); // S3 may keep a part that finishes after the abort
    }
    try {
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
    } catch (RuntimeException e) {
      // Best effort: a lifecycle rule for incomplete uploads cleans up what this misses.
    }
  }
}
