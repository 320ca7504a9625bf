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
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Uploads a file to S3 part by part while it is being written: the multipart upload starts with the
 * second part, at most {@code inFlight} parts upload at once (so memory stays at a few parts), and
 * {@link #complete()} assembles them. A file of one part is a single PutObject.
 *
 * <p>An upload that cannot complete is aborted, whatever failed: a part (the first failure is thrown by the next
 * {@link #part} call, so a writer stops at once instead of fetching on for nothing), the last part, the
 * CompleteMultipartUpload itself, or an interrupt. S3 keeps no half file and no parts to pay for; an abort that
 * fails is kept with the failure it cleans up after (and the bucket's lifecycle rule removes what it missed).
 */
final class S3MultipartSink implements PartSink {
  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final String contentType;
  private final Semaphore inFlight;
  private final RequestTimes times;
  private final List<CompletableFuture<CompletedPart>> parts = new ArrayList<>();
  private final AtomicLong bytesUploading = new AtomicLong();
  private byte[] firstPart;
  private int firstPartLength;
  private String uploadId;
  private boolean ended;

  S3MultipartSink(S3Client s3, String bucket, String key, String contentType, int inFlight, RequestTimes times) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.contentType = contentType;
    this.inFlight = new Semaphore(inFlight);
    this.times = times;
  }

  String key() {
    return key;
  }

  /** Bytes received but not yet stored by S3: a part held back, and parts uploading. */
  long bytesNotStored() {
    return (firstPart == null ? 0 : firstPartLength) + bytesUploading.get();
  }

  /**
   * Requests still to make once the last part is handed over: one PutObject for a file of one part, else the last
   * UploadPart and the CompleteMultipartUpload.
   */
  int requestsLeft() {
    return uploadId == null ? 1 : 2;
  }

  @Override
  public void part(int partNumber, byte[] bytes, int length) throws IOException {
    throwIfAPartFailed();
    if (partNumber == 1) {
      firstPart = bytes; // held back: if it is the only one, a PutObject is cheaper than three calls
      firstPartLength = length;
      return;
    }
    if (uploadId == null) {
      try {
        uploadId = times.timed(0, () -> s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)))
            .uploadId();
      } catch (RuntimeException e) {
        throw new IOException("cannot start the upload of " + location() + ": " + e.getMessage(), e);
      }
      upload(1, firstPart, firstPartLength);
      firstPart = null;
    }
    upload(partNumber, bytes, length);
  }

  /** A part that failed makes the upload useless: say so now, not after the rest of the file was written. */
  private void throwIfAPartFailed() throws IOException {
    for (CompletableFuture<CompletedPart> part : parts) {
      if (part.isCompletedExceptionally()) {
        Throwable cause = part.exceptionNow();
        throw new IOException("upload of " + location() + " failed: " + cause.getMessage(), cause);
      }
    }
  }

  private void upload(int partNumber, byte[] bytes, int length) throws IOException {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting to upload part " + partNumber + " of " + location());
    }
    CompletableFuture<CompletedPart> part = new CompletableFuture<>();
    parts.add(part);
    bytesUploading.addAndGet(length);
    Thread.ofVirtual().name("s3-part-" + partNumber).start(() -> {
      try {
        String eTag = times.timed(length, () -> s3.uploadPart(
            b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber), body(bytes, length))).eTag();
        part.complete(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
      } catch (RuntimeException | Error e) {
        part.completeExceptionally(e);
      } finally {
        bytesUploading.addAndGet(-length);
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
    if (ended) {
      throw new IllegalStateException("the upload of " + location() + " has ended");
    }
    ended = true;
    try {
      if (uploadId == null) {
        long length = firstPart == null ? 0 : firstPartLength;
        times.timed(length, () -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType),
            firstPart == null ? RequestBody.empty() : body(firstPart, firstPartLength)));
        firstPart = null;
        return;
      }
      List<CompletedPart> done = new ArrayList<>();
      for (CompletableFuture<CompletedPart> part : parts) {
        done.add(part.get());
      }
      done.sort(Comparator.comparing(CompletedPart::partNumber));
      times.timed(0, () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
          .multipartUpload(m -> m.parts(done))));
    } catch (InterruptedException e) {
      InterruptedIOException interrupted = new InterruptedIOException("interrupted completing " + location());
      interrupted.initCause(e);
      abortUpload(interrupted);
      Thread.currentThread().interrupt();
      throw interrupted;
    } catch (ExecutionException | RuntimeException | Error e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      IOException failed = new IOException("upload of " + location() + " failed: " + cause.getMessage(), cause);
      abortUpload(failed);
      throw failed;
    }
  }

  @Override
  public void abort() {
    if (ended) {
      return;
    }
    ended = true;
    abortUpload(null);
  }

  /**
   * Waits for the parts still uploading (S3 may keep a part that finishes after the abort), then aborts. Runs even on
   * an interrupted thread: the SDK refuses to start a request while the thread's interrupt flag is set, so the flag is
   * put aside for the call and restored after.
   */
  private void abortUpload(Exception failure) {
    firstPart = null;
    if (uploadId == null) {
      return;
    }
    for (CompletableFuture<CompletedPart> part : parts) {
      part.exceptionally(e -> null).join();
    }
    boolean interrupted = Thread.interrupted();
    try {
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
    } catch (RuntimeException e) {
      if (failure != null) {
        failure.addSuppressed(e);
      } else {
        // No failure to attach it to: the function's log is where an operator looks.
        System.err.println("could not abort the upload " + uploadId + " of " + location() + ": " + e);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private String location() {
    return "s3://" + bucket + "/" + key;
  }
}
