package dev.lambdaloom.functions.s3probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.services.s3.S3Server;
import dev.lambdaloom.snapstart.RestorableCredentials;
import dev.lambdaloom.snapstart.SnapStartHooks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** The probe's logic in this JVM, with every client option, against the embedded S3 server. */
class S3ProbeTest {
  private static final String BUCKET = "probe";
  private static final int OBJECTS = 40;
  private static S3Server server;
  private static S3Client s3;
  private static ProbeClients clients;
  private static long expectedBytes;
  private static long expectedMatches;

  @BeforeAll
  static void start() throws Exception {
    server = S3Server.start(S3Server.Options.defaults().withInitialBuckets(BUCKET));
    s3 = server.newClient();
    clients = new ProbeClients(Region.of(server.region()), URI.create(server.endpoint()),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    Random random = new Random(7);
    for (int i = 0; i < OBJECTS; i++) {
      // Sizes from a few bytes to past two 32 KB read chunks; needles anywhere, including across a chunk's edge.
      StringBuilder body = new StringBuilder();
      int size = i == 0 ? 3 : 1 + random.nextInt(80_000);
      while (body.length() < size) body.append((char) ('a' + random.nextInt(26)));
      int needles = i % 4;
      for (int n = 0; n < needles; n++) {
        body.insert(n == 0 && body.length() > SyncObjects.CHUNK_BYTES + 3 ? SyncObjects.CHUNK_BYTES - 3
            : random.nextInt(body.length()), "NEEDLE");
      }
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      String key = "set/" + i;
      s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
      expectedBytes += bytes.length;
      expectedMatches += needles;
    }
    s3.putObject(b -> b.bucket(BUCKET).key("other/outside"), RequestBody.fromString("NEEDLE"));
  }

  @AfterAll
  static void stop() throws Exception {
    clients.close();
    s3.close();
    server.close();
  }

  private static ProbeRequest request(Object... pairs) {
    Map<String, Object> event = new HashMap<>(Map.of("bucket", BUCKET, "prefix", "set/", "find", "NEEDLE"));
    for (int i = 0; i < pairs.length; i += 2) {
      event.put((String) pairs[i], pairs[i + 1]);
    }
    return ProbeRequest.from(event, Map.of());
  }

  private static ProbeResult run(ProbeRequest request) throws InterruptedException {
    return new S3Probe(clients).run(request, RunLimits.unbounded(request.concurrency()));
  }

  /** The SnapStart hooks driven directly, as a CRaC JVM would around a snapshot: the clients closed, then rebuilt. */
  @Test
  void probesForRealAfterSnapStartHooksRunTwiceAndARestoreWithoutCheckpoint() {
    SnapStartHooks hooks = S3ProbeHandler.snapStart(S3ProbeSnapStartTest.ENVIRONMENT, clients,
        RestorableCredentials.from(() -> S3ProbeSnapStartTest.ENVIRONMENT));
    hooks.afterRestore(null);
    hooks.beforeCheckpoint(null);
    hooks.beforeCheckpoint(null);
    hooks.afterRestore(null);
    hooks.afterRestore(null);

    Map<String, Object> result = new S3ProbeHandler(clients, Map.of()).handleRequest(Map.of("bucket", BUCKET,
        "prefix", "set/", "find", "NEEDLE"), S3ProbeSnapStartTest.CONTEXT);

    assertThat(result).containsEntry("objects", OBJECTS).containsEntry("read", OBJECTS)
        .containsEntry("matches", expectedMatches).containsEntry("bytes", expectedBytes);
  }

  @Test
  void theSequentialLoopReadsEveryObjectUnderThePrefixAndCountsEveryMatch() throws Exception {
    ProbeResult result = run(request("mode", "sequential"));
    assertThat(result.objects()).isEqualTo(OBJECTS);
    assertThat(result.tally().read()).isEqualTo(OBJECTS);
    assertThat(result.tally().bytes()).isEqualTo(expectedBytes).isEqualTo(result.listedBytes());
    assertThat(result.tally().matches()).isEqualTo(expectedMatches);
    assertThat(result.toJson()).containsEntry("stoppedBy", "completed").containsEntry("notRead", 0L)
        .containsEntry("client", "sync").containsEntry("concurrency", 1);
  }

  @ParameterizedTest
  @EnumSource(value = ClientKind.class, names = "SYNC", mode = EnumSource.Mode.EXCLUDE)
  void everyConcurrentClientFindsWhatTheSequentialLoopFinds(ClientKind client) throws Exception {
    for (int concurrency : new int[] {1, 7, 64}) {
      ProbeResult result = run(request("client", client.label(), "concurrency", concurrency));
      assertThat(result.tally().read()).as("%s x%d", client, concurrency).isEqualTo(OBJECTS);
      assertThat(result.tally().failed()).isZero();
      assertThat(result.tally().bytes()).isEqualTo(expectedBytes);
      assertThat(result.tally().matches()).isEqualTo(expectedMatches);
      assertThat(result.tally().p50Ms()).isPositive().isLessThanOrEqualTo(result.tally().p99Ms());
      assertThat(result.tally().p99Ms()).isLessThanOrEqualTo(result.tally().maxMs());
    }
  }

  @ParameterizedTest
  @EnumSource(value = ClientKind.class)
  void aPrefixWithNoObjectsIsAnEmptyCompletedRun(ClientKind client) throws Exception {
    ProbeResult result = run(client == ClientKind.SYNC ? request("mode", "sequential", "prefix", "none/")
        : request("client", client.label(), "prefix", "none/"));
    assertThat(result.objects()).isZero();
    assertThat(result.toJson()).containsEntry("read", 0).containsEntry("bytes", 0L).containsEntry("stoppedBy",
        "completed");
  }

  @ParameterizedTest
  @EnumSource(value = ClientKind.class, names = {"SYNC", "NETTY", "CRT"})
  void aMissingBucketFailsTheRunWithS3sErrorAsItsCause(ClientKind client) {
    Map<String, Object> event = new HashMap<>(Map.of("bucket", "no-such-bucket", "prefix", "set/", "find", "x"));
    if (client == ClientKind.SYNC) event.put("mode", "sequential");
    else event.put("client", client.label());
    ProbeRequest request = ProbeRequest.from(event, Map.of());
    assertThatThrownBy(() -> run(request)).isInstanceOf(ProbeFailedException.class)
        .hasMessageContaining("cannot list s3://no-such-bucket/set/: NoSuchBucket")
        .hasCauseInstanceOf(NoSuchBucketException.class);
  }

  @Test
  void moreObjectsThanAllowedIsAnErrorNotASilentCut() {
    assertThatThrownBy(() -> run(request("maxObjects", OBJECTS - 1)))
        .isInstanceOf(ProbeFailedException.class).hasMessageContaining("more than 39 objects under s3://probe/set/");
  }

  @ParameterizedTest
  @EnumSource(value = ClientKind.class)
  void anObjectDeletedBetweenListAndGetIsCountedAsNoSuchKey(ClientKind client) throws Exception {
    s3.putObject(b -> b.bucket(BUCKET).key("vanishing/keep"), RequestBody.fromString("NEEDLE"));
    ProbeRequest request = client == ClientKind.SYNC ? request("mode", "sequential", "prefix", "vanishing/")
        : request("client", client.label(), "prefix", "vanishing/");
    s3.putObject(b -> b.bucket(BUCKET).key("vanishing/gone"), RequestBody.fromString("NEEDLE"));
    ProbeResult result = new S3Probe(clients, listed -> s3.deleteObject(b -> b.bucket(BUCKET).key("vanishing/gone")))
        .run(request, RunLimits.unbounded(request.concurrency()));
    assertThat(result.objects()).isEqualTo(2);
    assertThat(result.tally().read()).isEqualTo(1);
    assertThat(result.tally().matches()).isEqualTo(1);
    assertThat(result.tally().failuresByError()).containsExactly(Map.entry("NoSuchKey", 1L));
    assertThat(result.tally().examples()).singleElement().satisfies(f -> assertThat(f.key()).isEqualTo("vanishing/gone"));
    assertThat(result.notRead()).isZero();
  }
}
