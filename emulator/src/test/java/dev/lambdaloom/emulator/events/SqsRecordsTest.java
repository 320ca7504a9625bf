package dev.lambdaloom.emulator.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdaloom.services.sqs.ElasticMqServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The SQSEvent records built from messages a real ElasticMQ hands out, field by field as Lambda delivers them. */
class SqsRecordsTest {
  private static String md5(String text) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void aRecordCarriesWhatLambdaDeliversForStandardAndFifoQueues() throws Exception {
    try (ElasticMqServer server = ElasticMqServer.start(); SqsClient sqs = server.newClient()) {
      String url = sqs.createQueue(q -> q.queueName("shape.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE,
          "true"))).queueUrl();
      sqs.sendMessage(m -> m.queueUrl(url).messageBody("{\"n\":1}").messageGroupId("g1").messageDeduplicationId("d1")
          .messageAttributes(Map.of(
              "colour", MessageAttributeValue.builder().dataType("String").stringValue("blue").build(),
              "blob", MessageAttributeValue.builder().dataType("Binary")
                  .binaryValue(SdkBytes.fromUtf8String("hi")).build())));
      List<Message> messages = new SqsQueue(sqs, url).receive(10, 5);
      assertThat(messages).hasSize(1);
      String arn = server.queueArn("shape.fifo");

      JsonNode record = new SqsRecords(arn, "eu-west-1").record(messages.getFirst());

      assertThat(record.get("messageId").asText()).isEqualTo(messages.getFirst().messageId());
      assertThat(record.get("receiptHandle").asText()).isNotEmpty();
      assertThat(record.get("body").asText()).isEqualTo("{\"n\":1}");
      assertThat(record.get("md5OfBody").asText()).isEqualTo(md5("{\"n\":1}"));
      assertThat(record.get("eventSource").asText()).isEqualTo("aws:sqs");
      assertThat(record.get("eventSourceARN").asText()).isEqualTo(arn);
      assertThat(record.get("awsRegion").asText()).isEqualTo("eu-west-1");
      JsonNode attributes = record.get("attributes");
      assertThat(attributes.get("ApproximateReceiveCount").asText()).isEqualTo("1");
      assertThat(attributes.get("SentTimestamp").asLong()).isPositive();
      assertThat(attributes.get("ApproximateFirstReceiveTimestamp").asLong()).isPositive();
      assertThat(attributes.has("SenderId")).isTrue();
      assertThat(attributes.get("MessageGroupId").asText()).isEqualTo("g1");
      assertThat(attributes.get("MessageDeduplicationId").asText()).isEqualTo("d1");
      assertThat(attributes.get("SequenceNumber").asText()).isNotEmpty();
      JsonNode colour = record.get("messageAttributes").get("colour");
      assertThat(colour.get("stringValue").asText()).isEqualTo("blue");
      assertThat(colour.get("dataType").asText()).isEqualTo("String");
      assertThat(colour.get("stringListValues").isArray()).isTrue();
      assertThat(colour.get("binaryListValues").isArray()).isTrue();
      assertThat(record.get("messageAttributes").get("blob").get("binaryValue").asText()).isEqualTo("aGk=");
    }
  }
}
