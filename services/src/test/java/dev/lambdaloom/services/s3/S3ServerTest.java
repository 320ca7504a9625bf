package dev.lambdaloom.services.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The real S3Mock child process, through the AWS SDK v2's S3Client. One server for the class. */
class S3ServerTest {
  private static final String BUCKET = "data";

  private static S3Server server;
  private static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    server = S3Server.start(S3Server.Options.defaults().withInitialBuckets(BUCKET));
    s3 = server.newClient();
    System.out.println("S3Mock ready in " + server.startupTime().toMillis() + " ms at " + server.endpoint());
  }

  @AfterAll
  static void stop() throws Exception {
    if (s3 != null) {
      s3.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void putGetHeadAndList() {
    byte[] body = "{\"hello\":\"s3\"}".getBytes(StandardCharsets.UTF_8);
    s3.putObject(b -> b.bucket(BUCKET).key("basic/a.json").contentType("application/json")
        .metadata(Map.of("origin", "test")), RequestBody.fromBytes(body));
    s3.putObject(b -> b.bucket(BUCKET).key("basic/b.json"), RequestBody.fromString("b"));
    s3.putObject(b -> b.bucket(BUCKET).key("other/c.json"), RequestBody.fromString("c"));

    ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("basic/a.json"));
    assertThat(got.asByteArray()).isEqualTo(body);
    HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("basic/a.json"));
    assertThat(head.contentLength()).isEqualTo(body.length);
    assertThat(head.contentType()).isEqualTo("application/json");
    assertThat(head.metadata()).containsEntry("origin", "test");
    List<String> keys = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("basic/")).contents().stream()
        .map(S3Object::key).toList();
    assertThat(keys).containsExactly("basic/a.json", "basic/b.json");
    assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key("basic/missing.json")))
        .isInstanceOf(NoSuchKeyException.class);
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
    assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("delete/")).contents())
        .extracting(S3Object::key).containsExactly("delete/1", "delete/3");
    assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("delete/2")))
        .isInstanceOf(NoSuchKeyException.class);
  }

  @Test
  void createBucketMakesAnEmptyBucket() {
    server.createBucket("created-later");

    assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains(BUCKET, "created-later");
    assertThat(s3.listObjectsV2(b -> b.bucket("created-later")).contents()).isEmpty();
  }

  @Test
  void secondServerOnPortZeroIsSeparateAndCloseStopsItsProcess() throws Exception {
    S3Server second = S3Server.start();
    Path storage = second.storage();
    long pid = second.pid();
    try (S3Client client = second.newClient()) {
      assertThat(second.endpoint()).isNotEqualTo(server.endpoint()).startsWith("http://127.0.0.1:");
      second.createBucket("only-here");
      client.putObject(b -> b.bucket("only-here").key("k"), RequestBody.fromString("v"));
      assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).doesNotContain("only-here");
      assertThat(Files.readString(storage.resolve("s3mock.log"))).contains("Started S3MockApplication");
    } finally {
      second.close();
    }

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThatThrownBy(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), second.port()), 1000);
      }
    }).isInstanceOf(ConnectException.class);
    assertThat(storage).doesNotExist();
  }

  @Test
  void portInUseFailsWithTheEndOfTheLog(@TempDir Path storage) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      S3Server.Options options = S3Server.Options.defaults().withPort(taken.getLocalPort()).withStorage(storage);

      assertThatThrownBy(() -> S3Server.start(options))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("exited with code")
          .hasMessageContaining(String.valueOf(taken.getLocalPort()))
          .hasMessageContaining("already in use");
    }
    assertThat(storage.resolve("s3mock.log")).exists();
  }

  private static byte[] bytes(SplittableRandom random, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }
}
