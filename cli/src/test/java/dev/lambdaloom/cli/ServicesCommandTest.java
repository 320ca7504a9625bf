package dev.lambdaloom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.services.dynamodb.SeedPlan;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code lambdaloom services}: the real services, reached through nothing but the env-vars file it writes. */
class ServicesCommandTest {
  /**
   * Starting all three took 58 s to over 60 s here on a machine under a load of 18, S3Mock's child JVM the slowest:
   * S3Server's own limit (3 minutes) decides first, and the test only waits a little longer than that.
   */
  private static final Duration READY_WITHIN = Duration.ofMinutes(4);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  @RegisterExtension final CapturedConsole console = new CapturedConsole();

  @Test
  void startsEveryServiceWritesTheirEnvironmentAndStopsThemAll() throws Exception {
    Path file = dir.resolve("services.env.json");
    CountDownLatch stop = new CountDownLatch(1);
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.configure(
        new picocli.CommandLine(new ServicesCommand(stop))).execute("--env-vars-file", file.toString(),
        "--bucket", "readings", "--table", "Things:id:S", "--seed-workers", "100"));
    Map<String, String> env;
    try {
      awaitFile(file, exit);
      env = parameters(file);

      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      assertThat(env).containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_ENDPOINT_URL_S3",
          "AWS_ENDPOINT_URL_DYNAMODB", "DB_URL", "DB_USER", "DB_PASSWORD");
      try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL_S3")))
          .forcePathStyle(true).region(Region.of(env.get("AWS_REGION"))).credentialsProvider(credentials(env))
          .httpClient(UrlConnectionHttpClient.create()).build()) {
        s3.putObject(b -> b.bucket("readings").key("a.json"), RequestBody.fromString("{}"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("readings").key("a.json")).asUtf8String()).isEqualTo("{}");
      }
      try (DynamoDbClient dynamo = DynamoDbClient.builder()
          .endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL_DYNAMODB")))
          .region(Region.of(env.get("AWS_REGION"))).credentialsProvider(credentials(env))
          .httpClient(UrlConnectionHttpClient.create()).build()) {
        assertThat(dynamo.listTables().tableNames()).containsExactlyInAnyOrder("Things", "Workers");
      }
      try (Connection db = DriverManager.getConnection(env.get("DB_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"));
           ResultSet one = db.createStatement().executeQuery("SELECT 1")) {
        assertThat(one.next()).isTrue();
      }
      assertThat(console.out()).contains("./lambdaloom serve --env-vars " + file, "./lambdaloom invoke FUNCTION --env-vars " + file,
          String.format(Locale.ROOT, "tables: Things (id S), Workers (%,d worker records seeded)",
              SeedPlan.article(SeedPlan.DEFAULT_TABLE).withItems(100).total()), "buckets: readings");
      assertThat(console.out().lines().filter(line -> line.startsWith("  PostgreSQL")))
          .singleElement().asString().contains(env.get("DB_URL"), "password in the env-vars file")
          .doesNotContain(env.get("DB_PASSWORD"));
    } finally {
      stop.countDown();
    }

    assertThat(exit.get(READY_WITHIN.toSeconds(), TimeUnit.SECONDS)).isZero();
    assertThat(file).doesNotExist();
    for (String url : List.of(env.get("AWS_ENDPOINT_URL_S3"), env.get("AWS_ENDPOINT_URL_DYNAMODB"),
        env.get("DB_URL").substring("jdbc:".length()))) {
      URI stopped = URI.create(url);
      assertThatThrownBy(() -> {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(stopped.getHost(), stopped.getPort()), 1000);
        }
      }).as(url + " no longer listens").isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void leavesAFileItDidNotWriteAsItIsAndStartsNothing() throws Exception {
    Path file = Files.writeString(dir.resolve("env.json"), "{\"Parameters\": {\"DB_URL\": \"the user's\"}}");

    int exit = Main.run("services", "--env-vars-file", file.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(console.err()).contains("lambdaloom: " + file, "was not written by Lambdaloom's embedded services");
    assertThat(console.out()).doesNotContain("Starting");
    assertThat(Files.readString(file)).isEqualTo("{\"Parameters\": {\"DB_URL\": \"the user's\"}}");
  }

  @Test
  void refusesOptionsItCannotHonourBeforeStartingAnything() {
    assertThat(Main.run("services", "--only", "dynamodb", "--bucket", "readings",
        "--env-vars-file", dir.resolve("a.json").toString())).isEqualTo(2);
    assertThat(console.err()).contains("need S3 (S3Mock), which is not among");

    assertThat(Main.run("services", "--table", "Things:id:X", "--env-vars-file", dir.resolve("b.json").toString()))
        .isEqualTo(2);
    assertThat(console.err()).contains("a key type is S, N or B, not 'X'");
    assertThat(console.out()).doesNotContain("Starting");
    assertThat(dir).isEmptyDirectory();
  }

  private static StaticCredentialsProvider credentials(Map<String, String> env) {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY")));
  }

  private static Map<String, String> parameters(Path file) throws IOException {
    JsonNode parameters = JSON.readTree(file.toFile()).get("Parameters");
    return JSON.convertValue(parameters, JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
  }

  /** The file appears once every service is ready; a command that ended first has failed. */
  private static void awaitFile(Path file, CompletableFuture<Integer> exit) throws Exception {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (!Files.exists(file)) {
      if (exit.isDone()) {
        throw new AssertionError("services ended with " + exit.get() + " before writing " + file);
      }
      assertThat(deadline - System.nanoTime()).as("time left for the services to start").isPositive();
      Thread.sleep(50);
    }
  }
}
