package dev.lambdaloom.functions.ingest;

import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Cheap requests a call makes before it fetches any document, so that a bucket it cannot use fails the invocation at
 * once (missing bucket, access denied) instead of after thousands of documents, and so that the deadline logic knows
 * what S3 requests cost now. Each request reports its wall time to {@link RequestTimes}.
 */
final class BucketProbe {
  /** Big enough to measure time per byte, small enough to cost little: a fifth of S3's smallest part. */
  static final int UPLOAD_PROBE_BYTES = 1024 * 1024;

  private final S3Client s3;
  private final String bucket;
  private final RequestTimes times;

  BucketProbe(S3Client s3, String bucket, RequestTimes times) {
    this.s3 = s3;
    this.bucket = bucket;
    this.times = times;
  }

  /**
   * The keys that start with {@code prefix} (at most a page of them): those a failed earlier attempt of the same call
   * left. One ListObjectsV2: it fails with NoSuchBucket or AccessDenied when the bucket cannot be used.
   */
  Set<String> keysStartingWith(String prefix) {
    Set<String> keys = new TreeSet<>();
    times.timed(0, () -> s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(100)))
        .contents().stream().map(S3Object::key).forEach(keys::add);
    return keys;
  }

  /**
   * Uploads {@link #UPLOAD_PROBE_BYTES} as the first part of a multipart upload to {@code key}, and aborts it: no
   * object appears, the upload is gone, and the container has measured the time per uploaded byte. It also proves the
   * function may write to the bucket and abort uploads; if the abort fails, so does this (a function that cannot
   * abort its uploads must not start any).
   */
  void measureUpload(String key) {
    String uploadId = times.timed(0, () -> s3.createMultipartUpload(b -> b.bucket(bucket).key(key))).uploadId();
    RuntimeException failure = null;
    try {
      byte[] zeros = new byte[UPLOAD_PROBE_BYTES];
      times.timed(zeros.length, () -> s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(1),
          RequestBody.fromBytes(zeros)));
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      try {
        times.timed(0, () -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)));
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
