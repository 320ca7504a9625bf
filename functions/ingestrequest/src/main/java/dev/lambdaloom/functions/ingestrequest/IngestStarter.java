package dev.lambdaloom.functions.ingestrequest;

import dev.lambdaloom.eventkit.Claim;
import dev.lambdaloom.eventkit.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Starts an ingest run once per message: claims the message id in the idempotency table, then an Event invocation of
 * the ingest function (which Lambda queues and retries on its own), then completes the claim; a delivery of a message
 * whose run was started is skipped. Thread-safe.
 */
final class IngestStarter {
  static final String FUNCTION_VARIABLE = "INGEST_FUNCTION";
  static final String TABLE_VARIABLE = "IDEMPOTENCY_TABLE";
  /** SQS keeps a message 14 days at most, and SNS's retries end sooner: no redelivery comes later. */
  static final Duration KEEP_FOR = Duration.ofDays(14);
  /** Beyond this function's Timeout (30 s): a claim this old belongs to an invocation that died. */
  static final Duration IN_PROGRESS_FOR = Duration.ofMinutes(2);

  private final LambdaClient lambda;
  private final String function;
  private final IdempotencyStore starts;

  IngestStarter(LambdaClient lambda, String function, IdempotencyStore starts) {
    this.lambda = Objects.requireNonNull(lambda, "lambda");
    this.function = Objects.requireNonNull(function, "function");
    this.starts = Objects.requireNonNull(starts, "starts");
  }

  /**
   * From the environment: the function, the table, and the SDK's own settings (region, endpoints).
   *
   * @param credentials Lambda's, re-read after a SnapStart restore (see {@code RestorableCredentials})
   */
  static IngestStarter fromEnvironment(AwsCredentialsProvider credentials) {
    String function = required(FUNCTION_VARIABLE, "the ingest function");
    String table = required(TABLE_VARIABLE, "the idempotency table");
    LambdaClient lambda = LambdaClient.builder().credentialsProvider(credentials)
        .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    DynamoDbClient dynamodb = DynamoDbClient.builder().credentialsProvider(credentials)
        .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    return new IngestStarter(lambda, function,
        new IdempotencyStore(dynamodb, table, KEEP_FOR, IN_PROGRESS_FOR, Clock.systemUTC()));
  }

  private static String required(String variable, String what) {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(variable + " must name " + what);
    }
    return value;
  }

  /**
   * Starts the run the message asks for, unless a delivery of it did.
   *
   * @throws IllegalArgumentException when the message is no ingest request (nothing is claimed)
   * @throws IllegalStateException when another invocation is starting it right now (it comes back, and is then
   *     skipped or started)
   */
  StartOutcome start(String message, String messageId) {
    byte[] payload = RunRequest.payload(message, messageId);
    return switch (starts.claim(messageId)) {
      case Claim.AlreadyCompleted done -> new StartOutcome.AlreadyStarted();
      case Claim.InProgressElsewhere busy -> throw new IllegalStateException("message " + messageId
          + " is being started by another invocation");
      case Claim.Acquired acquired -> {
        String requestId;
        try {
          requestId = lambda.invoke(i -> i.functionName(function).invocationType(InvocationType.EVENT)
              .payload(SdkBytes.fromByteArray(payload))).responseMetadata().requestId();
        } catch (RuntimeException e) {
          starts.release(messageId); // not started: a redelivery must try again
          throw e;
        }
        starts.complete(messageId);
        yield new StartOutcome.Started(requestId);
      }
    };
  }
}
