package dev.lambdaloom.emulator.events.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lambdaloom.emulator.events.SourceKind;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterInputTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String singleQuoted) {
    try {
      return MAPPER.readTree(singleQuoted.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalStateException("bad test JSON " + singleQuoted, e);
    }
  }

  private static RecordFilter filter(String singleQuotedPattern) {
    return RecordFilter.of(List.of(singleQuotedPattern.replace('\'', '"')));
  }

  private static JsonNode kinesisRecord(String partitionKey, String payload) {
    ObjectNode record = (ObjectNode) json("""
        {'kinesis': {'kinesisSchemaVersion': '1.0', 'partitionKey': 'PK',
                     'sequenceNumber': '49590338271490256608559692538361571095921575989136588898',
                     'approximateArrivalTimestamp': 1545084650.987},
         'eventSource': 'aws:kinesis', 'eventName': 'aws:kinesis:record',
         'eventSourceARN': 'arn:aws:kinesis:us-east-1:123456789012:stream/orders'}
        """.replace("PK", partitionKey));
    ((ObjectNode) record.get("kinesis")).put("data",
        Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)));
    return record;
  }

  private static JsonNode sqsRecord(String body) {
    ObjectNode record = (ObjectNode) json("""
        {'messageId': '059f36b4-87a3-44ab-83d2-661975830a7d', 'attributes': {'ApproximateReceiveCount': '1'},
         'messageAttributes': {}, 'eventSource': 'aws:sqs',
         'eventSourceARN': 'arn:aws:sqs:us-east-1:123456789012:orders'}
        """);
    record.put("body", body);
    return record;
  }

  @Test
  void kinesisDataIsDecodedAndMatchedAsJsonWithTheRecordsOtherFields() {
    JsonNode record = kinesisRecord("1", "{\"record\": 12345, \"order\": {\"type\": \"buy\", \"quantity\": 1000}}");

    JsonNode input = FilterInput.forKinesis(record);

    assertThat(input.get("data").get("order").get("type").textValue()).isEqualTo("buy");
    assertThat(filter("{'data': {'order': {'type': ['buy']}}}").matches(input)).isTrue();
    assertThat(filter("{'data': {'order': {'type': ['sell']}}}").matches(input)).isFalse();
    assertThat(filter("{'partitionKey': ['1'], 'data': {'order': {'quantity': [{'numeric': ['>=', 1000]}]}}}")
        .matches(input)).isTrue();
    assertThat(record.get("kinesis").get("data").isTextual()).as("the delivered record is left as it is").isTrue();
  }

  @Test
  void kinesisDataThatIsNotJsonMatchesNoDataFilterButOtherFiltersStillApply() {
    JsonNode input = FilterInput.forKinesis(kinesisRecord("7", "Hello, this is a test."));

    assertThat(filter("{'data': {'type': ['buy']}}").matches(input)).isFalse();
    assertThat(filter("{'data': [{'exists': false}]}").matches(input)).isFalse();
    assertThat(filter("{'data': [{'exists': true}]}").matches(input)).isFalse();
    assertThat(filter("{'data': [{'prefix': 'SGVs'}]}").matches(input)).isFalse();
    assertThat(filter("{'partitionKey': ['7']}").matches(input)).isTrue();
    assertThat(filter("{'partitionKey': ['8']}").matches(input)).isFalse();
  }

  @Test
  void sqsBodyIsParsedWhenItIsJson() {
    JsonNode input = FilterInput.forSqs(sqsRecord("{\n \"RecordNumber\": 1234,\n \"RequestCode\": \"BBBB\"\n}"));

    assertThat(filter("{'body': {'RequestCode': ['BBBB']}}").matches(input)).isTrue();
    assertThat(filter("{'body': {'RecordNumber': [{'numeric': ['>', 1000]}]}}").matches(input)).isTrue();
    assertThat(filter("{'body': [{'prefix': '{'}]}").matches(input))
        .as("a JSON body is not matched as a plain string").isFalse();
  }

  @Test
  void sqsPlainBodyIsMatchedAsAStringOnlyByStringRules() {
    JsonNode input = FilterInput.forSqs(sqsRecord("ORDER-42 shipped"));

    assertThat(input.get("body").textValue()).isEqualTo("ORDER-42 shipped");
    assertThat(filter("{'body': ['ORDER-42 shipped']}").matches(input)).isTrue();
    assertThat(filter("{'body': [{'prefix': 'ORDER-'}]}").matches(input)).isTrue();
    assertThat(filter("{'body': {'status': ['shipped']}}").matches(input))
        .as("a JSON pattern on a plain body: Lambda drops the message").isFalse();
    assertThat(filter("{'body': {'status': [{'exists': false}]}}").matches(input)).isFalse();
  }

  @Test
  void sqsScalarOrBrokenJsonBodyStaysAString() {
    assertThat(filter("{'body': ['42']}").matches(FilterInput.forSqs(sqsRecord("42")))).isTrue();
    assertThat(filter("{'body': [{'prefix': '{\\\"a\\\"'}]}")
        .matches(FilterInput.forSqs(sqsRecord("{\"a\": 1} and more")))).isTrue();
  }

  @Test
  void dynamoDbRecordIsMatchedAsDelivered() {
    JsonNode record = json("{'eventName': 'INSERT', 'dynamodb': {'NewImage': {'status': {'S': 'done'}}}}");

    assertThat(FilterInput.forDynamoDb(record)).isSameAs(record);
    assertThat(FilterInput.of(SourceKind.DYNAMODB, record)).isSameAs(record);
  }

  @Test
  void snsMessageAttributesAreMatchedByNameWithTheirTypedValues() {
    JsonNode record = json("""
        {'EventSource': 'aws:sns', 'Sns': {'Message': 'hi', 'MessageAttributes': {
           'store': {'Type': 'String', 'Value': 'example_corp'},
           'price': {'Type': 'Number', 'Value': '210.75'},
           'sizes': {'Type': 'String.Array', 'Value': '[\\'S\\', \\'M\\']'},
           'blob': {'Type': 'Binary', 'Value': 'AAE='}}}}
        """);

    JsonNode input = FilterInput.of(SourceKind.SNS, record);

    assertThat(input.has("blob")).isFalse();
    assertThat(filter("{'store': ['example_corp'], 'price': [{'numeric': ['>', 200]}]}").matches(input)).isTrue();
    assertThat(filter("{'sizes': ['M']}").matches(input)).isTrue();
    assertThat(filter("{'price': ['210.75']}").matches(input)).as("a Number attribute is a number").isFalse();
  }
}
