package dev.lambdaloom.services.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The real S3Mock child process: {@link LocalS3ServerContract}, and S3Mock's own log. */
class S3ServerTest extends LocalS3ServerContract {
  @Override
  LocalS3Server start(int port, Path storage, String... buckets) throws IOException, InterruptedException {
    return S3Server.start(S3Server.Options.defaults().withPort(port).withStorage(storage).withInitialBuckets(buckets));
  }

  @Override
  String logFileName() {
    return "s3mock.log";
  }

  @Override
  String portTakenMessage(int port) {
    return "already in use";
  }

  @Test
  void theLogIsS3MocksOwn() throws Exception {
    assertThat(Files.readString(server.storage().resolve(logFileName()))).contains("Started S3MockApplication");
  }
}
