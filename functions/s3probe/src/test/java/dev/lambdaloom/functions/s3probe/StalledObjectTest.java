package dev.lambdaloom.functions.s3probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.core.Deadline;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/** A body that stops arriving never holds the run: it ends as a counted {@code Timeout}, or as cut by the deadline. */
class StalledObjectTest {
  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void aStalledBodyIsACountedTimeoutAndTheOtherObjectsAreRead(ClientKind client) throws Exception {
    try (StallingS3 server = new StallingS3(); ProbeClients clients = clientsOf(server)) {
      ProbeRequest request = request(client, 2_000);
      ProbeResult result = new S3Probe(clients).run(request, RunLimits.unbounded(request.concurrency()));
      assertThat(result.objects()).isEqualTo(3);
      assertThat(result.tally().read()).isEqualTo(2);
      assertThat(result.tally().matches()).isEqualTo(2);
      assertThat(result.tally().failuresByError()).containsExactly(Map.entry(FailureNames.TIMEOUT, 1L));
      assertThat(result.tally().examples()).singleElement().satisfies(f -> assertThat(f.key()).isEqualTo("p/stalled"));
    }
  }

  /**
   * The request timeout (10 minutes) is far beyond the run's deadline (3 s): the deadline alone must end the stalled
   * read. The platform-thread pool is left out: an interrupt cannot wake its blocked socket read, so its cut comes a
   * request timeout early (which {@code RunLimits} does, and {@code aStalledBodyIsACountedTimeout...} shows ending).
   */
  @ParameterizedTest
  @EnumSource(value = ClientKind.class, names = "PLATFORM_THREADS", mode = EnumSource.Mode.EXCLUDE)
  void theDeadlineCutsAStalledReadAndTheRunReturnsWhatItRead(ClientKind client) throws Exception {
    try (StallingS3 server = new StallingS3(); ProbeClients clients = clientsOf(server)) {
      ProbeRequest request = request(client, 600_000);
      // The deadline leaves the run three times what a first listing and GET of this client cost here (the slowest
      // machine is three times slower), on top of 3 s: a cold SDK call under load took longer than 3 s alone.
      Duration firstCalls = listAndGetOnce(clients, client, request.requestTimeout());
      ProbeResult result = new S3Probe(clients)
          .run(request, RunLimits.before(Deadline.after(Duration.ofSeconds(3).plus(firstCalls.multipliedBy(3))), request));
      assertThat(result.objects()).isEqualTo(3);
      // The sequential loop never reaches p/b, which comes after p/stalled; four in flight read it.
      int read = client == ClientKind.SYNC ? 1 : 2;
      assertThat(result.tally().read()).isEqualTo(read);
      assertThat(result.tally().failed()).isZero();
      assertThat(result.notRead()).isEqualTo(3 - read);
      assertThat(result.stoppedBy()).isEqualTo("deadline");
    }
  }

  /** Lists the prefix and reads p/a once with the client the run uses, and says how long that took. */
  private static Duration listAndGetOnce(ProbeClients clients, ClientKind client, Duration requestTimeout) {
    long start = System.nanoTime();
    ListObjectsV2Request list = ListObjectsV2Request.builder().bucket(StallingS3.BUCKET).prefix("p/").build();
    GetObjectRequest get = GetObjectRequest.builder().bucket(StallingS3.BUCKET).key("p/a").build();
    switch (client) {
      case NETTY, CRT -> {
        S3AsyncClient s3 = clients.async(client);
        s3.listObjectsV2(list).join();
        s3.getObject(get, AsyncResponseTransformer.toBytes()).join();
      }
      case SYNC, VIRTUAL_THREADS, PLATFORM_THREADS -> {
        S3Client s3 = clients.sync(requestTimeout);
        s3.listObjectsV2(list);
        s3.getObjectAsBytes(get);
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static ProbeClients clientsOf(StallingS3 server) {
    return new ProbeClients(Region.US_EAST_1, URI.create(server.endpoint()),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
  }

  private static ProbeRequest request(ClientKind client, int requestTimeoutMs) {
    Map<String, Object> event = new HashMap<>(Map.of("bucket", StallingS3.BUCKET, "prefix", "p/", "find", "NEEDLE",
        "requestTimeoutMs", requestTimeoutMs));
    if (client == ClientKind.SYNC) event.put("mode", "sequential");
    else event.putAll(Map.of("client", client.label(), "concurrency", 4));
    return ProbeRequest.from(event, Map.of());
  }
}
