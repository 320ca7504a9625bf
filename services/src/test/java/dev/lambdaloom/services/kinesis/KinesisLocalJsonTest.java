package dev.lambdaloom.services.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.loopback.ListeningSocket;
import dev.lambdaloom.loopback.ListeningSockets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KinesisLocal in AWS JSON 1.1, as the AWS CLI and most SDKs speak it, over plain HTTP: base64 data, timestamps in
 * epoch seconds, errors as {@code __type} and {@code message}. The Java SDK switches to JSON only through a setting
 * read JVM-wide when a client is built ({@code aws.cborEnabled}), so these requests are written by hand.
 */
class KinesisLocalJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-03-01T10:00:00.250Z");

  private final SettableClock clock = new SettableClock(START);
  private final HttpClient http = HttpClient.newHttpClient();
  private KinesisLocal kinesis;

  @BeforeEach
  void start() throws Exception {
    kinesis = KinesisLocal.start(KinesisLocal.Options.defaults().withClock(clock));
  }

  @AfterEach
  void stop() {
    kinesis.close();
    http.close();
  }

  @Test
  void recordsRoundTripWithBase64DataAndTimestampsInEpochSeconds() throws Exception {
    assertThat(call("CreateStream", "{\"StreamName\":\"s\",\"ShardCount\":2}").statusCode()).isEqualTo(200);
    byte[] data = {0, 1, 2, (byte) 0xff, 'k'};
    JsonNode put = ok(call("PutRecord", "{\"StreamName\":\"s\",\"PartitionKey\":\"pk\",\"Data\":\""
        + Base64.getEncoder().encodeToString(data) + "\"}"));
    clock.advance(Duration.ofSeconds(2));
    ok(call("PutRecord", "{\"StreamName\":\"s\",\"PartitionKey\":\"pk\",\"Data\":\"AQ==\"}"));

    // 1.5 s after the first record's arrival: only the second record arrived then or later.
    JsonNode iterator = ok(call("GetShardIterator", "{\"StreamName\":\"s\",\"ShardId\":\"" + put.get("ShardId").asText()
        + "\",\"ShardIteratorType\":\"AT_TIMESTAMP\",\"Timestamp\":" + (START.toEpochMilli() + 1_500) / 1000.0 + "}"));
    JsonNode fromTimestamp = ok(call("GetRecords", "{\"ShardIterator\":\"" + iterator.get("ShardIterator").asText()
        + "\"}"));
    JsonNode fromStart = ok(call("GetRecords", "{\"ShardIterator\":\"" + ok(call("GetShardIterator",
        "{\"StreamName\":\"s\",\"ShardId\":\"" + put.get("ShardId").asText() + "\",\"ShardIteratorType\":"
            + "\"TRIM_HORIZON\"}")).get("ShardIterator").asText() + "\"}"));

    assertThat(fromTimestamp.get("Records")).hasSize(1);
    assertThat(fromTimestamp.get("Records").get(0).get("Data").asText()).isEqualTo("AQ==");
    JsonNode first = fromStart.get("Records").get(0);
    assertThat(Base64.getDecoder().decode(first.get("Data").asText())).isEqualTo(data);
    assertThat(first.get("PartitionKey").asText()).isEqualTo("pk");
    assertThat(first.get("SequenceNumber").asText()).isEqualTo(put.get("SequenceNumber").asText());
    assertThat(first.get("ApproximateArrivalTimestamp").isNumber()).isTrue();
    assertThat(first.get("ApproximateArrivalTimestamp").decimalValue()).isEqualByComparingTo("1772359200.250");
    assertThat(fromStart.get("MillisBehindLatest").asLong()).isZero();
  }

  @Test
  void errorsComeInAwsJsonShapeWithTheirCodeInTheHeaderToo() throws Exception {
    HttpResponse<String> missing = call("DescribeStream", "{\"StreamName\":\"nope\"}");
    HttpResponse<String> unknown = call("SplitShard", "{}");
    HttpResponse<String> malformed = call("ListStreams", "{not json");
    HttpResponse<String> invalidName = call("CreateStream", "{\"StreamName\":\"a b\",\"ShardCount\":1}");
    HttpResponse<String> badIterator = call("GetRecords", "{\"ShardIterator\":\"AAAA\"}");

    assertError(missing, "ResourceNotFoundException", "Stream nope under account 000000000000 not found.");
    assertError(unknown, "UnknownOperationException", "does not serve SplitShard");
    assertError(malformed, "SerializationException", "not JSON");
    assertError(invalidName, "ValidationException", "at 'streamName' failed to satisfy constraint");
    assertError(badIterator, "InvalidArgumentException", "Invalid ShardIterator");
  }

  @Test
  void aContentTypeOtherThanKinesisTwoIsRefusedByName() throws Exception {
    HttpResponse<String> plain = http.send(HttpRequest.newBuilder(kinesis.endpoint().resolve("/"))
        .header("X-Amz-Target", "Kinesis_20131202.ListStreams").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

    assertError(plain, "SerializationException", "application/x-amz-json-1.1 or application/x-amz-cbor-1.1");
  }

  @Test
  void listensOnLoopbackOnly() {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "reads Linux's /proc");

    List<ListeningSocket> sockets = ListeningSockets.ofThisProcessTree().stream()
        .filter(socket -> socket.port() == kinesis.port()).toList();

    assertThat(sockets).isNotEmpty().allSatisfy(socket -> assertThat(socket.loopbackOnly()).isTrue());
    assertThat(kinesis.endpoint()).isEqualTo(URI.create("http://127.0.0.1:" + kinesis.port()));
  }

  private HttpResponse<String> call(String operation, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(kinesis.endpoint().resolve("/"))
        .header("X-Amz-Target", "Kinesis_20131202." + operation)
        .header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode ok(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
    return JSON.readTree(response.body());
  }

  private static void assertError(HttpResponse<String> response, String code, String messagePart) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(code);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("__type").asText()).isEqualTo(code);
    assertThat(body.get("message").asText()).contains(messagePart);
  }
}
