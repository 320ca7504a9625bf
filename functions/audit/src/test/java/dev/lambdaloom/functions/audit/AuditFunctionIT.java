package dev.lambdaloom.functions.audit;

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
import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import dev.lambdaloom.services.dynamodb.TableSpec;
import dev.lambdaloom.services.s3.S3Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The packaged audit.zip in the emulator, as the project's template describes AuditFunction, handed a DynamoDB stream
 * event as Lambda's JSON: the runtime client turns it into the events library's types (binary from base64, the creation
 * time from epoch seconds), the handler's answer goes back as Lambda's partial batch response, and DynamoDB Local and
 * the S3 server hold what it wrote.
 */
class AuditFunctionIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The project's template: AuditFunction as it is deployed, with the audit table's name it gives. */
  private static final Path ROOT_TEMPLATE = Path.of("..", "..", "template.yaml").toAbsolutePath().normalize();
  private static final String TABLE = "WorkersAudit";
  private static final String BUCKET = "workers-archive";
  private static final String START = "2026-01-01T00:00:00.000000001Z";

  /** An INSERT with every attribute type, a REMOVE, and a record with an eventName no stream sends. */
  private static final String EVENT = """
      {"Records": [
        {"eventID": "e1", "eventName": "INSERT", "eventVersion": "1.1", "eventSource": "aws:dynamodb",
         "awsRegion": "us-east-1",
         "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/Workers/stream/2026-01-01T00:00:00.000",
         "dynamodb": {"ApproximateCreationDateTime": 1767225600, "SequenceNumber": "100000000000000000001",
           "SizeBytes": 200, "StreamViewType": "NEW_AND_OLD_IMAGES",
           "Keys": {"WorkerId": {"N": "42"}, "StartTime": {"S": "%1$s"}},
           "NewImage": {"WorkerId": {"N": "42"}, "StartTime": {"S": "%1$s"}, "Completed": {"N": "1"},
             "Precise": {"N": "12345678901234567890.123456789"}, "Token": {"B": "AAEC/w=="},
             "Active": {"BOOL": false}, "Gone": {"NULL": true}, "Tags": {"SS": ["a", "b"]}, "Sizes": {"NS": ["1", "2"]},
             "Blobs": {"BS": ["AQ=="]}, "Steps": {"L": [{"S": "x"}, {"M": {"n": {"N": "0.50"}}}]}}}},
        {"eventID": "e2", "eventName": "REMOVE", "eventVersion": "1.1", "eventSource": "aws:dynamodb",
         "awsRegion": "us-east-1",
         "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/Workers/stream/2026-01-01T00:00:00.000",
         "dynamodb": {"ApproximateCreationDateTime": 1767225601, "SequenceNumber": "100000000000000000002",
           "SizeBytes": 100, "StreamViewType": "NEW_AND_OLD_IMAGES",
           "Keys": {"WorkerId": {"N": "42"}, "StartTime": {"S": "%1$s"}},
           "OldImage": {"WorkerId": {"N": "42"}, "StartTime": {"S": "%1$s"}, "Completed": {"N": "1"}}}},
        {"eventID": "e3", "eventName": "TRUNCATE", "eventVersion": "1.1", "eventSource": "aws:dynamodb",
         "awsRegion": "us-east-1",
         "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/Workers/stream/2026-01-01T00:00:00.000",
         "dynamodb": {"ApproximateCreationDateTime": 1767225602, "SequenceNumber": "100000000000000000003",
           "SizeBytes": 50, "StreamViewType": "NEW_AND_OLD_IMAGES",
           "Keys": {"WorkerId": {"N": "43"}, "StartTime": {"S": "%1$s"}}}}
      ]}
      """.formatted(START);

  private static DynamoDbLocal dynamo;
  private static S3Server s3Server;
  private static S3Client s3;
  private static Emulator emulator;

  @BeforeAll
  static void start() throws Exception {
    dynamo = DynamoDbLocal.start();
    TableSpec.parse(TABLE + ":pk:S:sk:S").create(dynamo.client());
    s3Server = S3Server.start(S3Server.Options.defaults().withInitialBuckets(BUCKET));
    s3 = s3Server.newClient();
    // The bucket's local name: its logical id, ArchiveBucket, is no valid bucket name (no capitals).
    TemplateOverrides overrides = TemplateOverrides.none().withEnvironment("AuditFunction", Map.of(
        "AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString(),
        "AWS_ENDPOINT_URL_S3", s3Server.endpoint(),
        "ARCHIVE_BUCKET", BUCKET));
    SamTemplate template = SamTemplate.load(ROOT_TEMPLATE, overrides);
    assertThat(template.functions().get("AuditFunction").environment()).containsEntry("AUDIT_TABLE", TABLE);
    emulator = Emulator.start(template, EmulatorSettings.defaults(),
        LogSink.printTo(System.out, true));
  }

  @AfterAll
  static void stop() throws Exception {
    emulator.close();
    s3.close();
    s3Server.close();
    dynamo.close();
  }

  private static JsonNode deliver() throws Exception {
    InvokeResult result = emulator.invoke("AuditFunction", EVENT.getBytes(StandardCharsets.UTF_8));
    var report = result.awaitLog().report();
    assertThat(result.failed()).as(result.payloadText()).isFalse();
    assertThat(report.status()).as(report.line()).isEqualTo(EndStatus.ANSWERED);
    return JSON.readTree(result.payload());
  }

  private static List<Map<String, AttributeValue>> history(String canonicalKey) {
    return dynamo.client().query(b -> b.tableName(TABLE).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(canonicalKey))).consistentRead(true)).items();
  }

  @Test
  void aStreamEventAsLambdaSendsItIsAuditedArchivedAndAnsweredWithItsOneBadRecord() throws Exception {
    JsonNode first = deliver();
    JsonNode second = deliver();

    JsonNode expected = JSON.readTree("{\"batchItemFailures\":[{\"itemIdentifier\":\"100000000000000000003\"}]}");
    assertThat(first).isEqualTo(expected);
    assertThat(second).as("delivered again").isEqualTo(expected);

    List<Map<String, AttributeValue>> history = history("StartTime=S:" + START + ",WorkerId=N:42");
    assertThat(history).extracting(item -> item.get("eventName").s()).containsExactly("INSERT", "REMOVE");
    assertThat(history.getFirst().get("approximateCreationTime").s()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(JSON.readTree(history.getFirst().get("newImage").s())).isEqualTo(JSON.readTree("""
        {"Active": false, "Blobs": ["AQ=="], "Completed": 1, "Gone": null, "Precise": 12345678901234567890.123456789,
         "Sizes": [1, 2], "StartTime": "%s", "Steps": ["x", {"n": 0.50}], "Tags": ["a", "b"], "Token": "AAEC/w==",
         "WorkerId": 42}""".formatted(START)));
    assertThat(history.getFirst().get("newImage").s()).contains("\"Precise\":12345678901234567890.123456789");
    assertThat(history("StartTime=S:" + START + ",WorkerId=N:43")).isEmpty();

    List<S3Object> archived = s3.listObjectsV2(b -> b.bucket(BUCKET)).contents();
    assertThat(archived).extracting(S3Object::key)
        .containsExactly("archive/Workers/StartTime=S:" + START + ",WorkerId=N:42/100000000000000000002.json");
    JsonNode document = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(archived.getFirst().key())).asUtf8String());
    assertThat(document.get("oldImage")).isEqualTo(
        JSON.readTree("{\"Completed\": 1, \"StartTime\": \"" + START + "\", \"WorkerId\": 42}"));
  }
}
