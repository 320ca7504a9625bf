package dev.lambdaloom.functions.readings;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The packaged readings.zip in the emulator, as the project's template describes ReadingsFunction, handed a Kinesis
 * event as Lambda's JSON (data in base64): the runtime client decodes it into the events library's ByteBuffer, the
 * answer goes back as Lambda's partial batch response, and DynamoDB Local holds the aggregates, unchanged by a second
 * delivery.
 */
class ReadingsFunctionIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The project's template: ReadingsFunction as it is deployed, with the device table's name it gives. */
  private static final Path ROOT_TEMPLATE = Path.of("..", "..", "template.yaml").toAbsolutePath().normalize();
  private static final String TABLE = "DeviceReadings";
  private static final String SEQ = "4959033827149025660855969253836157109592157598913658880";

  private static DynamoDbLocal dynamo;
  private static Emulator emulator;

  private static String record(String device, String sequence, String data) {
    return """
        {"kinesis": {"kinesisSchemaVersion": "1.0", "partitionKey": "%s", "sequenceNumber": "%s",
           "data": "%s", "approximateArrivalTimestamp": 1772366400.123},
         "eventSource": "aws:kinesis", "eventVersion": "1.0", "eventID": "shardId-000000000000:%2$s",
         "eventName": "aws:kinesis:record", "invokeIdentityArn": "arn:aws:iam::123456789012:role/readings",
         "awsRegion": "us-east-1", "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/Readings"}"""
        .formatted(device, sequence, Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)));
  }

  private static final String EVENT = "{\"Records\": [" + String.join(",",
      record("sensor-1", SEQ + "1", "{\"datetime\": \"2026-03-01T12:00:00Z\", \"values\": [5, -9223372036854775808]}"),
      record("sensor-2", SEQ + "2", "{\"datetime\": \"2026-03-01T12:00:01Z\", \"values\": [1]}"),
      record("sensor-1", SEQ + "3", "{\"datetime\": \"2026-03-01T12:00:02Z\", \"values\": [\"7\"]}"),
      record("sensor-1", SEQ + "4", "{\"datetime\": \"2026-03-01T12:00:03Z\", \"values\": [9223372036854775807, 2]}"))
      + "]}";

  @BeforeAll
  static void start() throws Exception {
    dynamo = DynamoDbLocal.start();
    TableSpec.parse(TABLE + ":deviceId:S").create(dynamo.client());
    TemplateOverrides overrides = TemplateOverrides.none()
        .withEnvironment("ReadingsFunction", Map.of("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString()));
    SamTemplate template = SamTemplate.load(ROOT_TEMPLATE, overrides);
    assertThat(template.functions().get("ReadingsFunction").environment()).containsEntry("DEVICE_TABLE", TABLE);
    emulator = Emulator.start(template, EmulatorSettings.defaults(),
        LogSink.printTo(System.out, true));
  }

  @AfterAll
  static void stop() {
    emulator.close();
    dynamo.close();
  }

  private static JsonNode deliver() throws Exception {
    InvokeResult result = emulator.invoke("ReadingsFunction", EVENT.getBytes(StandardCharsets.UTF_8));
    var report = result.awaitLog().report();
    assertThat(result.failed()).as(result.payloadText()).isFalse();
    assertThat(report.status()).as(report.line()).isEqualTo(EndStatus.ANSWERED);
    return JSON.readTree(result.payload());
  }

  private static Map<String, AttributeValue> device(String id) {
    return dynamo.client().getItem(b -> b.tableName(TABLE).consistentRead(true)
        .key(Map.of("deviceId", AttributeValue.fromS(id)))).item();
  }

  @Test
  void aKinesisEventAsLambdaSendsItIsAggregatedOnceAndAnsweredWithItsMalformedRecord() throws Exception {
    JsonNode expected = JSON.readTree("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + SEQ + "3\"}]}");

    assertThat(deliver()).isEqualTo(expected);
    Map<String, AttributeValue> first = device("sensor-1");
    assertThat(deliver()).as("delivered again").isEqualTo(expected);

    Map<String, AttributeValue> sensor1 = device("sensor-1");
    assertThat(sensor1).as("unchanged by the second delivery").isEqualTo(first);
    assertThat(sensor1.get("readingCount").n()).isEqualTo("2");
    assertThat(sensor1.get("valueCount").n()).isEqualTo("4");
    assertThat(sensor1.get("minValue").n()).isEqualTo("-9223372036854775808");
    assertThat(sensor1.get("maxValue").n()).isEqualTo("9223372036854775807");
    assertThat(sensor1.get("sumValues").n()).isEqualTo("6");
    assertThat(sensor1.get("lastDatetime").s()).isEqualTo("2026-03-01T12:00:03Z");
    assertThat(sensor1.get("lastSequenceNumber").s()).isEqualTo(SEQ + "4");
    assertThat(device("sensor-2").get("readingCount").n()).isEqualTo("1");
  }
}
