package dev.lambdaloom.functions.ingestrequest;

import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Starts an ingest run: an Event invocation of the ingest function (INGEST_FUNCTION), which Lambda queues and retries
 * on its own; this returns once Lambda accepted it. Thread-safe.
 */
final class IngestStarter {
  static final String FUNCTION_VARIABLE = "INGEST_FUNCTION";

  private final LambdaClient lambda;
  private final String function;

  IngestStarter(LambdaClient lambda, String function) {
    this.lambda = Objects.requireNonNull(lambda, "lambda");
    this.function = Objects.requireNonNull(function, "function");
  }

  /** From the environment: the function to start and the SDK's own settings (region, credentials, endpoint). */
  static IngestStarter fromEnvironment() {
    String function = System.getenv(FUNCTION_VARIABLE);
    if (function == null || function.isBlank()) {
      throw new IllegalStateException(FUNCTION_VARIABLE + " must name the ingest function");
    }
    return new IngestStarter(LambdaClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
        function);
  }

  /**
   * Starts the run the message asks for; returns the invocation's request id.
   *
   * @throws IllegalArgumentException when the message is no ingest request
   */
  String start(String message, String messageId) {
    byte[] payload = RunRequest.payload(message, messageId);
    return lambda.invoke(i -> i.functionName(function).invocationType(InvocationType.EVENT)
        .payload(SdkBytes.fromByteArray(payload))).responseMetadata().requestId();
  }
}
