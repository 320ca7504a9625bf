package dev.lambdaloom.functions.ingestrequest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.EndStatus;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.template.TemplateOverrides;
import dev.lambdaloom.eventkit.IdempotencyTable;
import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged ingestrequest.zip (its AWS SDK shrunk to what it reaches) in the emulator, as the project's template
 * describes both functions, handed SNS and SQS events as Lambda sends them: each claims its run in DynamoDB Local and
 * starts it with an Event invocation through the AWS SDK's LambdaClient, on a recorder in a second emulator.
 */
class IngestRequestFunctionIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT_TEMPLATE = Path.of("..", "..", "template.yaml").toAbsolutePath().normalize();
  private static final String REQUEST = "{\\\"urlTemplate\\\":\\\"http://127.0.0.1:9/r/{id}\\\",\\\"range\\\":"
      + "{\\\"from\\\":0,\\\"to\\\":10},\\\"bucket\\\":\\\"readings\\\",\\\"keyPrefix\\\":\\\"ingest/\\\"}";
  private static final String SNS_EVENT = """
      {"Records": [{"EventSource": "aws:sns", "EventVersion": "1.0",
        "EventSubscriptionArn": "arn:aws:sns:us-east-1:123456789012:IngestRequests:0b1b5c6e",
        "Sns": {"Type": "Notification", "MessageId": "it-sns-1",
          "TopicArn": "arn:aws:sns:us-east-1:123456789012:IngestRequests", "Subject": null, "Message": "%s",
          "Timestamp": "2026-12-03T10:00:00.000Z", "SignatureVersion": "1", "Signature": "c2ln",
          "SigningCertUrl": "https://sns.us-east-1.amazonaws.com/cert.pem",
          "UnsubscribeUrl": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe", "MessageAttributes": {}}}]}
      """.formatted(REQUEST);
  private static final String SQS_EVENT = """
      {"Records": [
        {"messageId": "it-sqs-good", "receiptHandle": "r1", "body": "%s", "attributes": {},
         "messageAttributes": {}, "md5OfBody": "x", "eventSource": "aws:sqs",
         "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:IngestRequests", "awsRegion": "us-east-1"},
        {"messageId": "it-sqs-not-json", "receiptHandle": "r2", "body": "hello", "attributes": {},
         "messageAttributes": {}, "md5OfBody": "x", "eventSource": "aws:sqs",
         "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:IngestRequests", "awsRegion": "us-east-1"}]}
      """.formatted(REQUEST);

  @TempDir static Path dir;
  private static DynamoDbLocal dynamo;
  private static TargetEmulator target;
  private static Emulator emulator;

  @BeforeAll
  static void start() throws Exception {
    dynamo = DynamoDbLocal.start();
    target = TargetEmulator.start(dir);
    Map<String, String> environment = Map.of("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString(),
        "AWS_ENDPOINT_URL_LAMBDA", target.endpoint(), IngestStarter.FUNCTION_VARIABLE, TargetEmulator.FUNCTION);
    SamTemplate template = SamTemplate.load(ROOT_TEMPLATE, TemplateOverrides.none()
        .withEnvironment("IngestRequestFunction", environment)
        .withEnvironment("IngestRequestQueueFunction", environment));
    String table = template.functions().get("IngestRequestFunction").environment()
        .get(IngestStarter.TABLE_VARIABLE);
    assertThat(template.functions().get("IngestRequestQueueFunction").environment())
        .containsEntry(IngestStarter.TABLE_VARIABLE, table);
    IdempotencyTable.create(dynamo.client(), table);
    emulator = Emulator.start(template, EmulatorSettings.defaults(), LogSink.printTo(System.out, true));
  }

  @AfterAll
  static void stop() {
    if (emulator != null) {
      emulator.close();
    }
    if (target != null) {
      target.close();
    }
    if (dynamo != null) {
      dynamo.close();
    }
  }

  private static JsonNode deliver(String function, String event) throws Exception {
    InvokeResult result = emulator.invoke(function, event.getBytes(StandardCharsets.UTF_8));
    var report = result.awaitLog().report();
    assertThat(result.failed()).as(result.payloadText()).isFalse();
    assertThat(report.status()).as(report.line()).isEqualTo(EndStatus.ANSWERED);
    return JSON.readTree(result.payload());
  }

  @Test
  void aTopicMessageStartsOneRunHoweverOftenItIsDelivered() throws Exception {
    assertThat(deliver("IngestRequestFunction", SNS_EVENT).asText()).isEqualTo("started 1, already started 0");
    assertThat(deliver("IngestRequestFunction", SNS_EVENT).asText()).isEqualTo("started 0, already started 1");

    assertThat(target.awaitRun("it-sns-1").get("bucket").asText()).isEqualTo("readings");
    assertThat(target.lines()).filteredOn(line -> line.contains("it-sns-1")).hasSize(1);
  }

  @Test
  void aQueueMessageStartsItsRunAndOneThatCannotComesBack() throws Exception {
    JsonNode response = deliver("IngestRequestQueueFunction", SQS_EVENT);

    assertThat(response).isEqualTo(JSON.readTree("{\"batchItemFailures\":[{\"itemIdentifier\":\"it-sqs-not-json\"}]}"));
    assertThat(target.awaitRun("it-sqs-good").get("range").get("to").asInt()).isEqualTo(10);
  }
}
