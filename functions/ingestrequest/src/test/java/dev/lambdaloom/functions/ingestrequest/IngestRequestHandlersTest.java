package dev.lambdaloom.functions.ingestrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.eventkit.IdempotencyStore;
import dev.lambdaloom.eventkit.IdempotencyTable;
import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import dev.lambdaloom.services.dynamodb.SharedDynamoDbLocal;
import dev.lambdaloom.snapstart.RestorableCredentials;
import dev.lambdaloom.snapstart.SnapStartHooks;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Both handlers start runs on a real function (a recorder standing in for the ingest function) in the emulator,
 * through its Invoke API and the AWS SDK's LambdaClient, as Event invocations, with their claims in DynamoDB Local.
 */
@ExtendWith(SharedDynamoDbLocal.class)
class IngestRequestHandlersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUEST = "{\"urlTemplate\":\"http://127.0.0.1:9/r/{id}\",\"range\":{\"from\":0,"
      + "\"to\":10},\"bucket\":\"readings\",\"keyPrefix\":\"ingest/\"}";
  @TempDir static Path dir;
  private static TargetEmulator target;
  private static LambdaClient lambda;
  private static IngestStarter starter;

  @BeforeAll
  static void start(DynamoDbLocal dynamo) throws Exception {
    target = TargetEmulator.start(dir);
    lambda = LambdaClient.builder().endpointOverride(URI.create(target.endpoint())).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("lambdaloom", "lambdaloom")))
        .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    IdempotencyTable.create(dynamo.client(), "ingest-request-starts");
    starter = new IngestStarter(lambda, TargetEmulator.FUNCTION, new IdempotencyStore(dynamo.client(),
        "ingest-request-starts", IngestStarter.KEEP_FOR, IngestStarter.IN_PROGRESS_FOR, Clock.systemUTC()));
  }

  @AfterAll
  static void stop() {
    if (lambda != null) {
      lambda.close();
    }
    if (target != null) {
      target.close();
    }
  }

  /** The SnapStart hooks driven directly, as a CRaC JVM would around a snapshot, then a real start. */
  @Test
  void startsARunForRealAfterSnapStartHooksRunTwiceAndARestoreWithoutCheckpoint() throws Exception {
    Map<String, String> environment = Map.of("PRIME_ON_INIT", "true", "AWS_ACCESS_KEY_ID", "lambdaloom");
    SnapStartHooks hooks = IngestRequestContainer.snapStart(environment, RestorableCredentials.from(() -> environment));
    hooks.afterRestore(null);
    hooks.beforeCheckpoint(null);
    hooks.beforeCheckpoint(null);
    hooks.afterRestore(null);
    hooks.afterRestore(null);
    SNSEvent.SNS sns = new SNSEvent.SNS().withMessageId("sns-after-restore").withMessage(REQUEST);

    assertThat(new IngestRequestHandler(starter).handleRequest(new SNSEvent().withRecords(
        List.of(new SNSEvent.SNSRecord().withSns(sns))), null)).isEqualTo("started 1, already started 0");

    assertThat(target.awaitRun("sns-after-restore").get("bucket").asText()).isEqualTo("readings");
    assertThat(target.lines()).noneMatch(line -> line.contains("priming")); // priming started nothing
  }

  @Test
  void aTopicMessageStartsARunNamedByItsMessageId() throws Exception {
    SNSEvent.SNS sns = new SNSEvent.SNS().withMessageId("sns-message-1").withMessage(REQUEST);
    SNSEvent event = new SNSEvent().withRecords(List.of(new SNSEvent.SNSRecord().withSns(sns)));

    IngestRequestHandler handler = new IngestRequestHandler(starter);
    assertThat(handler.handleRequest(event, null)).isEqualTo("started 1, already started 0");

    JsonNode started = target.awaitRun("sns-message-1");
    assertThat(started.get("bucket").asText()).isEqualTo("readings");
    assertThat(started.get("range").get("to").asInt()).isEqualTo(10);
    assertThat(handler.handleRequest(event, null)).as("a redelivery invokes nothing")
        .isEqualTo("started 0, already started 1");
    assertThat(target.lines()).filteredOn(line -> line.contains("sns-message-1")).hasSize(1);
  }

  @Test
  void queueMessagesThatCannotStartARunAloneAreReported() throws Exception {
    SQSEvent event = new SQSEvent();
    event.setRecords(List.of(message("sqs-good", REQUEST), message("sqs-not-json", "hello"),
        message("sqs-no-bucket", "{\"urlTemplate\":\"http://127.0.0.1:9/{id}\"}")));

    SQSBatchResponse response = new IngestRequestQueueHandler(starter).handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("sqs-not-json", "sqs-no-bucket");
    assertThat(target.awaitRun("sqs-good").get("urlTemplate").asText()).contains("{id}");
  }

  @Test
  void anEventWithoutRecordsIsRefusedWithWhatTheFunctionTakes() {
    assertThatThrownBy(() -> new IngestRequestHandler(starter).handleRequest(new SNSEvent(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an SNS event: no Records");
    assertThatThrownBy(() -> new IngestRequestQueueHandler(starter).handleRequest(new SQSEvent(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an SQS event: no Records");
  }

  @Test
  void aRequestsOwnRunIdWinsAndBadRequestsSayWhy() throws Exception {
    byte[] payload = RunRequest.payload(REQUEST.replace("{\"urlTemplate\"", "{\"runId\":\"mine\",\"urlTemplate\""),
        "m-1");
    assertThat(JSON.readTree(payload).get("runId").asText()).isEqualTo("mine");
    assertThatThrownBy(() -> RunRequest.payload("[1]", "m-2")).hasMessageContaining("not an ingest request");
    assertThatThrownBy(() -> RunRequest.payload("{\"bucket\":\"b\"}", "m-3")).hasMessageContaining("no urlTemplate");
    assertThatThrownBy(() -> RunRequest.payload(REQUEST, "a/b")).hasMessageContaining("cannot name a run");
  }

  private static SQSEvent.SQSMessage message(String id, String body) {
    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
    message.setMessageId(id);
    message.setBody(body);
    return message;
  }
}
