package dev.lambdaloom.functions.s3probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * Lists and reads one bucket's objects with the synchronous client, from whichever threads call it.
 *
 * <p>The SDK's {@code apiCallTimeout} ends a GET only until its response headers arrive; a body that stalls after
 * them is ended by the client's socket timeout, which {@link ProbeClients#sync(Duration)} sets to the same request
 * timeout. (Aborting the body from another thread does not help with the URL-connection client: its abort closes
 * the stream, which waits for the lock the blocked read holds.) A deadline's interrupt ends a read on a virtual
 * thread at once, because an interrupt closes a virtual thread's socket; a platform thread's it does not.
 */
final class SyncObjects {
  /** Bytes read from a body at a time: a GET in flight holds one such buffer, never the object. */
  static final int CHUNK_BYTES = 32 * 1024;

  private final S3Client s3;
  private final String bucket;
  private final byte[] find;
  private final Duration requestTimeout;

  SyncObjects(S3Client s3, ProbeRequest request) {
    this.s3 = s3;
    this.bucket = request.bucket();
    this.find = request.find();
    this.requestTimeout = request.requestTimeout();
  }

  /** Every object under {@code prefix}, all pages; more than {@code maxObjects} is an error. */
  List<ListedObject> list(String prefix, int maxObjects) {
    ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
        .overrideConfiguration(o -> o.apiCallTimeout(requestTimeout)).build();
    List<ListedObject> objects;
    try {
      objects = s3.listObjectsV2Paginator(request).contents().stream().limit(maxObjects + 1L)
          .map(o -> new ListedObject(o.key(), o.size())).toList();
    } catch (SdkException e) {
      throw Listing.failed(bucket, prefix, e);
    }
    return Listing.checkCount(objects, bucket, prefix, maxObjects);
  }

  /** Reads one object's body through {@link MatchCounter}; never throws for the object's own failure. */
  ObjectOutcome read(String key) {
    GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(key)
        .overrideConfiguration(o -> o.apiCallTimeout(requestTimeout)).build();
    MatchCounter counter = new MatchCounter(find);
    long start = System.nanoTime();
    ResponseInputStream<GetObjectResponse> body = null;
    try {
      body = s3.getObject(request);
      search(body, counter);
      body.close();
      return new ObjectOutcome.Read(key, counter.bytes(), counter.matches(), System.nanoTime() - start);
    } catch (SdkException | IOException | UncheckedIOException e) {
      // Closing could wait to drain the rest of the body first: abort drops the connection instead.
      if (body != null) body.abort();
      String error = FailureNames.ofGet(e);
      // The SDK's own timeout interrupts the thread too: a timeout is the object's failure, any other
      // interruption is the run's deadline cutting the read.
      if (!error.equals(FailureNames.TIMEOUT)
          && (Thread.currentThread().isInterrupted() || error.equals(FailureNames.INTERRUPTED))) {
        return new ObjectOutcome.Cut(key);
      }
      return new ObjectOutcome.Failed(key, error, FailureNames.message(e));
    }
  }

  private static void search(InputStream body, MatchCounter counter) throws IOException {
    byte[] chunk = new byte[CHUNK_BYTES];
    for (int n = body.read(chunk); n >= 0; n = body.read(chunk)) {
      counter.feed(chunk, 0, n);
    }
  }
}
