package dev.lambdaloom.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.loopback.ListeningSocket;
import dev.lambdaloom.loopback.ListeningSockets;
import dev.lambdaloom.services.dynamodb.SeedPlan;
import dev.lambdaloom.services.dynamodb.TableSpec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** DynamoDB Local and PostgreSQL started together, KinesisLocal and SecretsManagerLocal alone (S3 is the CLI test's), reached through the environment they describe. */
class EmbeddedServicesTest {
  @Test
  void kinesisIsReachedThroughAwsEndpointUrlKinesis() throws Exception {
    EmbeddedServices.Options options = EmbeddedServices.Options.all().withServices(EnumSet.of(Service.KINESIS))
        .withRegion("eu-west-1");

    try (EmbeddedServices services = EmbeddedServices.start(options)) {
      Map<String, String> env = services.endpoints().environment();

      assertThat(env).containsOnlyKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_DEFAULT_REGION",
          "AWS_ENDPOINT_URL_KINESIS");
      try (KinesisClient kinesis = KinesisClient.builder()
          .endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL_KINESIS")))
          .region(Region.of(env.get("AWS_REGION")))
          .credentialsProvider(credentials(env))
          .httpClient(UrlConnectionHttpClient.create())
          .build()) {
        kinesis.createStream(b -> b.streamName("orders").shardCount(2));
        assertThat(kinesis.describeStreamSummary(b -> b.streamName("orders")).streamDescriptionSummary().streamARN())
            .isEqualTo("arn:aws:kinesis:eu-west-1:000000000000:stream/orders");
      }
      assertThat(services.kinesis()).isPresent();
    }
  }

  @Test
  void secretsManagerIsReachedThroughAwsEndpointUrlSecretsManager() throws Exception {
    EmbeddedServices.Options options = EmbeddedServices.Options.all()
        .withServices(EnumSet.of(Service.SECRETSMANAGER)).withRegion("eu-west-1");

    try (EmbeddedServices services = EmbeddedServices.start(options)) {
      Map<String, String> env = services.endpoints().environment();

      assertThat(env).containsOnlyKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_DEFAULT_REGION",
          "AWS_ENDPOINT_URL_SECRETS_MANAGER");
      try (SecretsManagerClient secrets = SecretsManagerClient.builder()
          .endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL_SECRETS_MANAGER")))
          .region(Region.of(env.get("AWS_REGION")))
          .credentialsProvider(credentials(env))
          .httpClient(UrlConnectionHttpClient.create())
          .build()) {
        String arn = secrets.createSecret(b -> b.name("tourist-db").secretString("{}")).arn();
        assertThat(arn).startsWith("arn:aws:secretsmanager:eu-west-1:000000000000:secret:tourist-db-");
      }
      assertThat(services.secretsManager()).isPresent();
    }
  }

  @Test
  void startsTheChosenServicesAndDescribesThemAsAFunctionsEnvironment() throws Exception {
    EmbeddedServices.Options options = EmbeddedServices.Options.all()
        .withServices(EnumSet.of(Service.DYNAMODB, Service.POSTGRES))
        .withTables(List.of(TableSpec.parse("Things:id:S"), TableSpec.parse("Events:device:S:time:N")))
        .withSeedWorkers(200)
        .withRegion("eu-west-1");

    try (EmbeddedServices services = EmbeddedServices.start(options)) {
      Map<String, String> env = services.endpoints().environment();

      assertThat(env).containsOnlyKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_DEFAULT_REGION",
          "AWS_ENDPOINT_URL_DYNAMODB", "DB_URL", "DB_USER", "DB_PASSWORD");
      assertThat(env).containsEntry("AWS_REGION", "eu-west-1");
      assertThat(env.get("AWS_ENDPOINT_URL_DYNAMODB")).startsWith("http://127.0.0.1:");
      assertThat(env.get("DB_URL")).startsWith("jdbc:postgresql://127.0.0.1:");
      assertThat(services.s3()).isEmpty();
      assertThat(services.endpoints().find(Service.POSTGRES).orElseThrow().toString())
          .doesNotContain(env.get("DB_PASSWORD"));

      // As a function would: only what the environment says.
      try (DynamoDbClient dynamo = DynamoDbClient.builder()
          .endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL_DYNAMODB")))
          .region(Region.of(env.get("AWS_REGION")))
          .credentialsProvider(credentials(env))
          .httpClient(UrlConnectionHttpClient.create())
          .build()) {
        assertThat(dynamo.listTables().tableNames()).containsExactlyInAnyOrder("Things", "Events", SeedPlan.DEFAULT_TABLE);
        assertThat(dynamo.describeTable(b -> b.tableName("Events")).table().keySchema())
            .extracting(k -> k.attributeName() + " " + k.keyTypeAsString()).containsExactly("device HASH", "time RANGE");
        int workers = dynamo.scan(b -> b.tableName(SeedPlan.DEFAULT_TABLE).select(Select.COUNT)).count();
        assertThat(workers).isEqualTo(services.seeded().orElseThrow().written()).isGreaterThanOrEqualTo(200);
      }
      try (Connection db = DriverManager.getConnection(env.get("DB_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"));
           ResultSet one = db.createStatement().executeQuery("SELECT 1")) {
        assertThat(one.next()).isTrue();
      }
    }
  }

  @Test
  void whenOneServiceFailsTheOnesThatStartedAreStoppedAgain() throws Exception {
    Set<Integer> before = ports(ListeningSockets.ofThisProcessTree());
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      EmbeddedServices.Options options = EmbeddedServices.Options.all()
          .withServices(EnumSet.of(Service.DYNAMODB, Service.POSTGRES))
          .withPort(Service.POSTGRES, taken.getLocalPort());

      assertThatThrownBy(() -> EmbeddedServices.start(options)).isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("PostgreSQL did not start");

      // DynamoDB Local, in this JVM, started meanwhile: nothing of it may still listen.
      Set<Integer> after = ports(ListeningSockets.ofThisProcessTree());
      after.remove(taken.getLocalPort());
      assertThat(after).isSubsetOf(before);
    }
  }

  @Test
  void refusesWhatItCannotDoBeforeStartingAnything() {
    EmbeddedServices.Options dynamoOnly = EmbeddedServices.Options.all().withServices(EnumSet.of(Service.DYNAMODB));

    assertThatThrownBy(() -> dynamoOnly.withBuckets(List.of("readings")))
        .hasMessageContaining("need S3 (S3Mock), which is not among");
    assertThatThrownBy(() -> EmbeddedServices.Options.all().withBuckets(List.of("Not_A_Bucket")))
        .hasMessageContaining("is not a bucket name");
    assertThatThrownBy(() -> EmbeddedServices.Options.all().withServices(EnumSet.of(Service.S3)).withSeedWorkers(10))
        .hasMessageContaining("seeded workers need DynamoDB Local");
    assertThatThrownBy(() -> EmbeddedServices.Options.all().withSeedWorkers(10)
        .withTables(List.of(TableSpec.parse(SeedPlan.DEFAULT_TABLE))))
        .hasMessageContaining("is the one the seeded workers get");
    assertThatThrownBy(() -> EmbeddedServices.Options.all().withPort(Service.S3, 70_000))
        .hasMessageContaining("port must be 0..65535");
  }

  private static Set<Integer> ports(List<ListeningSocket> sockets) {
    return sockets.stream().map(ListeningSocket::port).collect(Collectors.toSet());
  }

  /** The placeholder credentials the environment hands a function. */
  private static StaticCredentialsProvider credentials(Map<String, String> env) {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY")));
  }
}
