package dev.lambdaloom.functions.ingest;

import java.time.Duration;

/**
 * What is left to do between the moment a call stops fetching and its answer; {@link PublishCosts} prices it. Built
 * from {@link #NOTHING} with the named {@code plus} methods.
 *
 * @param drain writing the documents that may still arrive (in flight or queued), at the writer's measured pace
 * @param encodeBytes bytes buffered in the last row group, still to encode and compress
 * @param uploadBytes bytes not yet stored by S3: parts being filled, held back or uploading, and what the
 *     documents still to arrive may add
 * @param requests requests still to make, one after another: the last parts, completions, deletions, the answer
 */
record Backlog(Duration drain, long encodeBytes, long uploadBytes, int requests) {
  static final Backlog NOTHING = new Backlog(Duration.ZERO, 0, 0, 0);

  Backlog {
    if (drain.isNegative() || encodeBytes < 0 || uploadBytes < 0 || requests < 0) {
      throw new IllegalArgumentException("a backlog is never negative: " + drain + ", " + encodeBytes + ", "
          + uploadBytes + ", " + requests);
    }
  }

  Backlog plusDrain(Duration more) {
    return new Backlog(drain.plus(more), encodeBytes, uploadBytes, requests);
  }

  Backlog plusEncoding(long bytes) {
    return new Backlog(drain, encodeBytes + bytes, uploadBytes, requests);
  }

  Backlog plusUpload(long bytes) {
    return new Backlog(drain, encodeBytes, uploadBytes + bytes, requests);
  }

  Backlog plusRequests(int count) {
    return new Backlog(drain, encodeBytes, uploadBytes, requests + count);
  }
}
