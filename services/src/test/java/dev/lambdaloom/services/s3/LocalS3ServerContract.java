package dev.lambdaloom.services.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lambdaloom.loopback.ListeningSocket;
import dev.lambdaloom.loopback.ListeningSockets;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What every {@link LocalS3Server} does, against the real child process through the AWS SDK v2's S3Client: one server
 * for the class, with the buckets {@value #BUCKET} and {@value #SECOND}, and more started where a test needs its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LocalS3ServerContract {
  static final String BUCKET = "data";
  static final String SECOND = "second";

  LocalS3Server server;
  S3Client s3;

  /** Starts the server under test: on {@code port} (0: a free one), in {@code storage} (null: a temporary folder). */
  abstract LocalS3Server start(int port, Path storage, String... buckets) throws IOException, InterruptedException;

  /** The server's log file in its storage folder. */
  abstract String logFileName();

  /** What the start failure says when the port is in use. */
  abstract String portTakenMessage(int port);

  @BeforeAll
  void startTheServer() throws Exception {
    server = start(0, null, BUCKET, SECOND);
    s3 = server.newClient();
    System.out.println(getClass().getSimpleName() + ": ready in " + server.startupTime().toMillis() + " ms at "
        + server.endpoint());
  }

  @AfterAll
  void stopTheServer() throws Exception {
    if (s3 != null) {
      s3.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void putGetHeadListAndDelete() {
    byte[] body = "{\"hello\":\"s3\"}".getBytes(StandardCharsets.UTF_8);
    s3.putObject(b -> b.bucket(BUCKET).key("basic/a.json").contentType("application/json")
        .metadata(Map.of("origin", "test")), RequestBody.fromBytes(body));
    s3.putObject(b -> b.bucket(BUCKET).key("basic/b.json"), RequestBody.fromString("b"));
    s3.putObject(b -> b.bucket(BUCKET).key("other/c.json"), RequestBody.fromString("c"));

    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("basic/a.json")).asByteArray()).isEqualTo(body);
    HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("basic/a.json"));
    assertThat(head.contentLength()).isEqualTo(body.length);
    assertThat(head.contentType()).isEqualTo("application/json");
    assertThat(head.metadata()).containsEntry("origin", "test");
    assertThat(keys(BUCKET, "basic/")).containsExactly("basic/a.json", "basic/b.json");
    assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key("basic/missing.json")))
        .isInstanceOf(NoSuchKeyException.class);

    s3.deleteObject(b -> b.bucket(BUCKET).key("basic/a.json"));

    assertThat(keys(BUCKET, "basic/")).containsExactly("basic/b.json");
    assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("basic/a.json")))
        .isInstanceOf(NoSuchKeyException.class);
  }

  @Test
  void listingOverMoreThanOnePageSeesEveryKeyOnce() throws Exception {
    List<String> expected = IntStream.range(0, 1_050).mapToObj(i -> "many/%05d".formatted(i)).toList();
    assertThat(putAll(SECOND, expected, 16)).isEmpty();

    List<ListObjectsV2Response> pages = s3.listObjectsV2Paginator(b -> b.bucket(SECOND).prefix("many/")).stream()
        .toList();

    assertThat(pages).hasSizeGreaterThan(1);
    assertThat(pages.stream().flatMap(page -> page.contents().stream()).map(S3Object::key))
        .containsExactlyElementsOf(expected);
    for (int from = 0; from < expected.size(); from += 1_000) {
      List<ObjectIdentifier> batch = expected.subList(from, Math.min(from + 1_000, expected.size())).stream()
          .map(key -> ObjectIdentifier.builder().key(key).build()).toList();
      assertThat(s3.deleteObjects(b -> b.bucket(SECOND).delete(d -> d.objects(batch))).errors()).isEmpty();
    }
    assertThat(keys(SECOND, "many/")).isEmpty();
  }

  @Test
  void deleteObjectsRemovesExactlyTheGivenKeys() {
    for (int i = 0; i < 5; i++) {
      String key = "delete/" + i;
      s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x"));
    }
    DeleteObjectsResponse deleted = s3.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(
        ObjectIdentifier.builder().key("delete/0").build(),
        ObjectIdentifier.builder().key("delete/2").build(),
        ObjectIdentifier.builder().key("delete/4").build())));

    assertThat(deleted.deleted()).hasSize(3);
    assertThat(deleted.errors()).isEmpty();
    assertThat(keys(BUCKET, "delete/")).containsExactly("delete/1", "delete/3");
  }

  @Test
  void fiveMegabyteObjectComesBackByteForByte() {
    byte[] body = bytes(new SplittableRandom(42), 5 * 1024 * 1024 + 7);

    s3.putObject(b -> b.bucket(BUCKET).key("large/five.bin"), RequestBody.fromBytes(body));

    assertThat(s3.headObject(b -> b.bucket(BUCKET).key("large/five.bin")).contentLength()).isEqualTo(body.length);
    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("large/five.bin")).asByteArray()).isEqualTo(body);
  }

  @Test
  void multipartUploadOfThreePartsIsAssembledInOrder() throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    byte[][] parts = {bytes(random, 5 * 1024 * 1024), bytes(random, 5 * 1024 * 1024), bytes(random, 12_345)};
    String key = "multipart/three-parts.bin";
    String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
    List<CompletedPart> completed = new ArrayList<>();
    MessageDigest expected = MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < parts.length; i++) {
      int number = i + 1;
      String etag = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(number),
          RequestBody.fromBytes(parts[i])).eTag();
      completed.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      expected.update(parts[i]);
    }
    s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
        .multipartUpload(u -> u.parts(completed)));

    byte[] whole = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
    assertThat(whole).hasSize(2 * 5 * 1024 * 1024 + 12_345);
    assertThat(MessageDigest.getInstance("SHA-256").digest(whole)).isEqualTo(expected.digest());
    // A range across the boundary of parts 1 and 2.
    int from = 5 * 1024 * 1024 - 3;
    byte[] range = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).range("bytes=" + from + "-" + (from + 5)))
        .asByteArray();
    assertThat(range).containsExactly(parts[0][from], parts[0][from + 1], parts[0][from + 2],
        parts[1][0], parts[1][1], parts[1][2]);
  }

  @Test
  void parallelUploadsAllSucceed() throws Exception {
    List<String> keys = IntStream.range(0, 200).mapToObj(i -> "parallel/" + i).toList();

    List<Exception> failures = putAll(BUCKET, keys, 32);

    assertThat(failures).as("failed uploads of 200").isEmpty();
    assertThat(keys(BUCKET, "parallel/")).hasSize(200);
  }

  @Test
  void createBucketMakesAnEmptyBucket() {
    server.createBucket("created-later");

    assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains(BUCKET, SECOND, "created-later");
    assertThat(s3.listObjectsV2(b -> b.bucket("created-later")).contents()).isEmpty();
  }

  @Test
  void listensOnLoopbackOnly() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "reads Linux's /proc");
    ProcessHandle child = ProcessHandle.of(server.pid()).orElseThrow();

    List<ListeningSocket> sockets = ListeningSockets.heldBy(ListeningSockets.withDescendants(child));

    assertThat(sockets).extracting(ListeningSocket::port).contains(server.port());
    assertThat(sockets).allSatisfy(socket -> assertThat(socket.loopbackOnly()).as(socket.toString()).isTrue());
    assertThat(server.endpoint()).isEqualTo("http://127.0.0.1:" + server.port());
  }

  @Test
  void secondServerOnPortZeroIsSeparateAndCloseStopsItsProcessAndDeletesItsFolder() throws Exception {
    LocalS3Server second = start(0, null, "only-here");
    Path storage = second.storage();
    try (S3Client client = second.newClient()) {
      assertThat(second.endpoint()).isNotEqualTo(server.endpoint()).startsWith("http://127.0.0.1:");
      client.putObject(b -> b.bucket("only-here").key("k"), RequestBody.fromString("v"));
      assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).doesNotContain("only-here");
      assertThat(storage.resolve(logFileName())).exists();
    } finally {
      second.close();
    }

    assertStopped(second);
    assertThat(storage).doesNotExist();
  }

  @Test
  void portInUseFailsWithTheEndOfTheLog(@TempDir Path storage) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> start(port, storage))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("exited with code")
          .hasMessageContaining(storage.resolve(logFileName()).toString())
          .hasMessageContaining(portTakenMessage(port));
    }
    assertThat(storage.resolve(logFileName())).exists();
  }

  /** Puts an object of 1 KB under each key from {@code threads} virtual threads at a time; returns the failures. */
  List<Exception> putAll(String bucket, List<String> keys, int threads) throws InterruptedException {
    byte[] body = new byte[1024];
    Semaphore slots = new Semaphore(threads);
    List<Future<?>> uploads = new ArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String key : keys) {
        slots.acquire();
        uploads.add(executor.submit(() -> {
          try {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
          } finally {
            slots.release();
          }
        }));
      }
    }
    List<Exception> failures = new ArrayList<>();
    for (Future<?> upload : uploads) {
      if (upload.state() == Future.State.FAILED && upload.exceptionNow() instanceof Exception e) {
        failures.add(e);
      }
    }
    return failures;
  }

  List<String> keys(String bucket, String prefix) {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key)
        .toList();
  }

  static void assertStopped(LocalS3Server stopped) {
    assertThat(ProcessHandle.of(stopped.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThatThrownBy(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), stopped.port()), 1000);
      }
    }).isInstanceOf(ConnectException.class);
  }

  static byte[] bytes(SplittableRandom random, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }
}
