package dev.lambdaloom.functions.readings;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.snapstart.CannedHttpClient;
import dev.lambdaloom.snapstart.CannedHttpClient.Answer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Applies one reading with the handler's own code and a client built like the container's over a
 * {@link CannedHttpClient}: the record decoded and parsed, the device read and its conditional update marshalled,
 * signed and answered (a new device), the partial batch response built. Nothing is sent anywhere.
 */
final class ReadingsPriming {
  private final Map<String, String> environment;

  ReadingsPriming(Map<String, String> environment) {
    this.environment = environment;
  }

  void prime() {
    Map<String, String> settings = new HashMap<>(environment);
    settings.putIfAbsent("DEVICE_TABLE", "Priming"); // the invocation, not priming, says what is missing
    try (DynamoDbClient dynamodb = ReadingsClient.create(settings,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")),
        new CannedHttpClient(request -> Answer.json("{}")))) {
      KinesisEvent.Record kinesis = new KinesisEvent.Record();
      kinesis.setPartitionKey("priming");
      kinesis.setSequenceNumber("1");
      kinesis.setData(ByteBuffer.wrap("{\"datetime\": \"2020-01-27T00:00:00.000000\", \"values\": [1, 2, 3]}"
          .getBytes(StandardCharsets.UTF_8)));
      kinesis.setApproximateArrivalTimestamp(new Date());
      KinesisEventRecord record = new KinesisEventRecord();
      record.setKinesis(kinesis);
      record.setEventID("shardId-000000000000:1");
      record.setEventSourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/Priming");
      KinesisEvent event = new KinesisEvent();
      event.setRecords(new ArrayList<>(List.of(record)));
      List<String> log = new ArrayList<>();
      StreamsEventResponse response = new ReadingsHandler(dynamodb, settings)
          .handle(event, Deadline.after(Duration.ofMinutes(1)), log::add);
      if (!response.getBatchItemFailures().isEmpty()) {
        throw new IllegalStateException("priming's reading did not go through, so its path was not primed: " + log);
      }
    }
  }
}
