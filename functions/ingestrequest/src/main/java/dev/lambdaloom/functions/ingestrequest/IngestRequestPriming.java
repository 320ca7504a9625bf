package dev.lambdaloom.functions.ingestrequest;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lambdaloom.eventkit.IdempotencyStore;
import dev.lambdaloom.snapstart.CannedHttpClient;
import dev.lambdaloom.snapstart.CannedHttpClient.Answer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Starts a run from a topic message and from a queue message with both handlers' own code and clients built like the
 * container's over a {@link CannedHttpClient}: the request checked, the claim, the Event invocation and the completed
 * claim marshalled, signed and answered. Nothing is sent anywhere, so no run starts and nothing is claimed.
 */
final class IngestRequestPriming {
  private static final String REQUEST = "{\"urlTemplate\":\"http://127.0.0.1:9/priming/{id}\",\"range\":{\"from\":0,"
      + "\"to\":1},\"bucket\":\"priming\"}";

  private final Map<String, String> environment;

  IngestRequestPriming(Map<String, String> environment) {
    this.environment = environment;
  }

  void prime() {
    Region region = Region.of(environment.getOrDefault("AWS_REGION", "us-east-1"));
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));
    try (LambdaClient lambda = LambdaClient.builder().region(region).credentialsProvider(credentials)
            .httpClient(new CannedHttpClient(request -> Answer.empty(202))).build();
        DynamoDbClient dynamodb = DynamoDbClient.builder().region(region).credentialsProvider(credentials)
            .httpClient(new CannedHttpClient(request -> Answer.json("{}"))).build()) {
      IngestStarter starter = new IngestStarter(lambda, "Priming", new IdempotencyStore(dynamodb, "Priming",
          IngestStarter.KEEP_FOR, IngestStarter.IN_PROGRESS_FOR, Clock.systemUTC()));
      SNSEvent.SNS sns = new SNSEvent.SNS().withMessageId("priming-topic").withMessage(REQUEST);
      new IngestRequestHandler(starter).handleRequest(
          new SNSEvent().withRecords(List.of(new SNSEvent.SNSRecord().withSns(sns))), null);
      SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
      message.setMessageId("priming-queue");
      message.setBody(REQUEST);
      SQSEvent queue = new SQSEvent();
      queue.setRecords(List.of(message));
      SQSBatchResponse response = new IngestRequestQueueHandler(starter).handleRequest(queue, null);
      if (!response.getBatchItemFailures().isEmpty()) {
        throw new IllegalStateException("priming's queue message did not start its run, so the path was not primed");
      }
    }
  }
}
