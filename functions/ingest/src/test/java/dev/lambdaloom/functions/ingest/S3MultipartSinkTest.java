package dev.lambdaloom.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.services.s3.S3Server;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Every way an upload can fail leaves nothing behind on a real S3 server: no object, and no multipart upload
 * (ListMultipartUploads is empty), so nothing half-written is visible or billed.
 */
class S3MultipartSinkTest {
  private static final String BUCKET = "sink-tests";
  private static final byte[] SMALL_PART = new byte[1024];

  private static S3Server server;
  private static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    server = S3Server.start(S3Server.Options.defaults().withInitialBuckets(BUCKET));
    s3 = server.newClient();
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    server.close();
  }

  private static S3MultipartSink sink(S3Client client, String key, int inFlight) {
    return new S3MultipartSink(client, BUCKET, key, "application/octet-stream", inFlight, RequestTimes.IGNORED);
  }

  /** A sink that was handed {@code parts} small parts (S3 checks part sizes only when an upload completes). */
  private static S3MultipartSink sinkWithParts(S3Client client, String key, int inFlight, int parts) throws IOException {
    S3MultipartSink sink = sink(client, key, inFlight);
    for (int part = 1; part <= parts; part++) {
      sink.part(part, SMALL_PART, SMALL_PART.length);
    }
    return sink;
  }

  private static void assertNothingLeftUnder(String key) {
    assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
    assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(key)).contents()).isEmpty();
  }

  @Test
  void aFailingLastPartAbortsItsUpload() throws Exception {
    FailingS3Requests faults = FailingS3Requests.first(1,
        r -> r instanceof UploadPartRequest u && u.key().equals("last-part") && u.partNumber() == 3);
    try (S3Client client = faults.client(server)) {
      S3MultipartSink sink = sinkWithParts(client, "last-part", 2, 3);

      assertThatThrownBy(sink::complete).isInstanceOf(IOException.class)
          .hasRootCauseInstanceOf(SdkClientException.class).hasMessageContaining("last-part");
      assertThat(faults.failed()).isOne();
      assertNothingLeftUnder("last-part");
    }
  }

  @Test
  void aFailingCompletionAbortsItsUpload() throws Exception {
    FailingS3Requests faults = FailingS3Requests.first(1, r -> r instanceof CompleteMultipartUploadRequest);
    try (S3Client client = faults.client(server)) {
      S3MultipartSink sink = sinkWithParts(client, "completion", 2, 2);

      assertThatThrownBy(sink::complete).isInstanceOf(IOException.class)
          .hasRootCauseInstanceOf(SdkClientException.class);
      assertThat(faults.failed()).isOne();
      assertNothingLeftUnder("completion");
    }
  }

  @Test
  void aFailedPartFailsTheNextPartAtOnceAndTheAbortCleansUp() throws Exception {
    FailingS3Requests faults = FailingS3Requests.first(1,
        r -> r instanceof UploadPartRequest u && u.key().equals("fail-fast") && u.partNumber() == 2);
    try (S3Client client = faults.client(server)) {
      S3MultipartSink sink = sinkWithParts(client, "fail-fast", 1, 2);

      // One part in flight: part 3 waits for part 2 to end, so part 3 or, at the latest, part 4 finds it failed.
      try {
        assertThatThrownBy(() -> {
          sink.part(3, SMALL_PART, SMALL_PART.length);
          sink.part(4, SMALL_PART, SMALL_PART.length);
        }).isInstanceOf(IOException.class).hasRootCauseInstanceOf(SdkClientException.class);
      } finally {
        sink.abort();
      }
      assertNothingLeftUnder("fail-fast");
    }
  }

  @Test
  void anInterruptedCompletionStillAbortsItsUpload() throws Exception {
    S3MultipartSink sink = sinkWithParts(s3, "interrupted", 2, 2);

    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(sink::complete).isInstanceOf(InterruptedIOException.class);
      assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
    } finally {
      Thread.interrupted();
    }
    assertNothingLeftUnder("interrupted");
  }

  @Test
  void aJsonLinesObjectWhoseUploadFailsWhileFinishingIsAbortedWhenClosed() throws Exception {
    FailingS3Requests faults = FailingS3Requests.first(1,
        r -> r instanceof UploadPartRequest u && u.key().equals("lines.jsonl") && u.partNumber() == 2);
    AtomicReference<S3MultipartSink> sink = new AtomicReference<>();
    try (S3Client client = faults.client(server)) {
      JsonLinesObject lines = new JsonLinesObject("lines.jsonl", () -> {
        sink.set(sink(client, "lines.jsonl", 1));
        return sink.get();
      });
      try (lines) {
        String text = "x".repeat(1000);
        // Two full parts and a bit: parts 1 and 2 go up while writing, the last one at finish.
        while (lines.bytesWritten() < 2L * PartSink.MIN_PART_BYTES + 10) {
          lines.append(json -> json.writeStringField("text", text));
        }
        awaitUploadsEnded(sink.get());

        assertThatThrownBy(lines::finish).isInstanceOf(IOException.class)
            .hasRootCauseInstanceOf(SdkClientException.class);
      }
      assertThat(faults.failed()).isOne();
      assertNothingLeftUnder("lines.jsonl");
    }
  }

  /** Polls until no part is uploading: the failed part has ended, so the next step sees it. */
  private static void awaitUploadsEnded(S3MultipartSink sink) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (sink.bytesNotStored() > 0) {
      assertThat(System.nanoTime()).as("parts still uploading after 2 minutes").isLessThan(deadline);
      Thread.sleep(1); // polling a condition with a deadline, not waiting a guessed time
    }
  }
}
