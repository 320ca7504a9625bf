package dev.lambdaloom.services.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The real s3proxy child process: {@link LocalS3ServerContract} with objects in files, and objects in memory. */
class S3ProxyServerTest extends LocalS3ServerContract {
  @Override
  LocalS3Server start(int port, Path storage, String... buckets) throws IOException, InterruptedException {
    return S3ProxyServer.start(
        S3ProxyServer.Options.defaults().withPort(port).withStorage(storage).withInitialBuckets(buckets));
  }

  @Override
  String logFileName() {
    return "s3proxy.log";
  }

  @Override
  String portTakenMessage(int port) {
    return "Failed to bind to /127.0.0.1:" + port;
  }

  @Test
  void objectsAreFilesUnderTheStorageFolder() throws Exception {
    s3.putObject(b -> b.bucket(BUCKET).key("files/k"), RequestBody.fromString("v"));

    assertThat(((S3ProxyServer) server).backend()).isEqualTo(S3ProxyServer.Backend.FILESYSTEM);
    assertThat(Files.readString(server.storage().resolve("buckets").resolve(BUCKET).resolve("files/k"))).isEqualTo("v");
  }

  @Test
  void objectsInMemoryLeaveNoFilesAndCloseDeletesTheFolder() throws Exception {
    S3ProxyServer inMemory = S3ProxyServer.start(S3ProxyServer.Options.defaults()
        .withBackend(S3ProxyServer.Backend.IN_MEMORY).withInitialBuckets(BUCKET));
    Path storage = inMemory.storage();
    try (S3Client client = inMemory.newClient()) {
      byte[] body = bytes(new SplittableRandom(7), 100_000);
      client.putObject(b -> b.bucket(BUCKET).key("m/k"), RequestBody.fromBytes(body));
      assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key("m/k")).asByteArray()).isEqualTo(body);
      try (Stream<Path> files = Files.list(storage)) {
        assertThat(files.map(path -> path.getFileName().toString()))
            .containsExactlyInAnyOrder("s3proxy.log", "s3proxy.properties");
      }
    } finally {
      inMemory.close();
    }

    assertStopped(inMemory);
    assertThat(storage).doesNotExist();
  }

  @Test
  void optionsRejectWhatCannotWork() {
    S3ProxyServer.Options defaults = S3ProxyServer.Options.defaults();

    assertThatThrownBy(() -> defaults.withPort(70_000)).hasMessageContaining("0..65535");
    assertThatThrownBy(() -> defaults.withInitialBuckets("Not_A_Bucket")).hasMessageContaining("not a bucket name");
    assertThatThrownBy(() -> defaults.withHeapMegabytes(16)).hasMessageContaining("64 MB");
  }
}
