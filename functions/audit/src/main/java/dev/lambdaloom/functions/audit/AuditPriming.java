package dev.lambdaloom.functions.audit;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.snapstart.CannedHttpClient;
import dev.lambdaloom.snapstart.CannedHttpClient.Answer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Audits a batch of an INSERT and a REMOVE with the handler's own code and clients built like the container's over a
 * {@link CannedHttpClient}: the records read, the audit put (conditional) and the archive put marshalled, signed and
 * answered, the partial batch response built. Nothing is sent anywhere, so nothing is written.
 */
final class AuditPriming {
  private final Map<String, String> environment;

  AuditPriming(Map<String, String> environment) {
    this.environment = environment;
  }

  void prime() {
    Map<String, String> settings = new HashMap<>(environment);
    settings.putIfAbsent("AUDIT_TABLE", "Priming"); // the invocation, not priming, says what is missing
    settings.putIfAbsent("ARCHIVE_BUCKET", "priming");
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));
    try (DynamoDbClient dynamodb = AuditClients.dynamoDb(settings, credentials,
            new CannedHttpClient(request -> Answer.json("{}")));
        S3Client s3 = AuditClients.s3(settings, credentials, new CannedHttpClient(request -> Answer.empty(200)))) {
      Map<String, AttributeValue> item = new HashMap<>(Map.of("WorkerId", new AttributeValue().withN("1"),
          "StartTime", new AttributeValue().withS("2000-01-01T00:00:00Z")));
      Map<String, AttributeValue> key = Map.copyOf(item);
      item.put("Note", new AttributeValue().withS("priming"));
      DynamodbEvent event = new DynamodbEvent();
      event.setRecords(new ArrayList<>(List.of(record("INSERT", "1", key, null, item),
          record("REMOVE", "2", key, item, null))));
      List<String> log = new ArrayList<>();
      StreamsEventResponse response = new AuditHandler(dynamodb, s3, settings, Clock.systemUTC())
          .handle(event, Deadline.after(Duration.ofMinutes(1)), log::add);
      if (!response.getBatchItemFailures().isEmpty()) {
        throw new IllegalStateException("priming's batch did not go through, so its path was not primed: " + log);
      }
    }
  }

  private static DynamodbStreamRecord record(String eventName, String sequence, Map<String, AttributeValue> keys,
      Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
    StreamRecord stream = new StreamRecord();
    stream.setKeys(keys);
    stream.setOldImage(oldImage);
    stream.setNewImage(newImage);
    stream.setSequenceNumber(sequence);
    stream.setApproximateCreationDateTime(new Date());
    DynamodbStreamRecord record = new DynamodbStreamRecord();
    record.setEventID("priming-" + sequence);
    record.setEventName(eventName);
    record.setEventSource("aws:dynamodb");
    record.setEventSourceARN("arn:aws:dynamodb:us-east-1:000000000000:table/Priming/stream/2000-01-01T00:00:00.000");
    record.setDynamodb(stream);
    return record;
  }
}
