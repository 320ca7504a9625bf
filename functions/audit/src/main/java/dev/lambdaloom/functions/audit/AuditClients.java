package dev.lambdaloom.functions.audit;

import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The container's clients, as Lambda's docs advise for fast cold starts: credentials and region straight from the
 * environment Lambda sets, the JDK's URL connection client. The SDK reads {@code AWS_ENDPOINT_URL_DYNAMODB} and
 * {@code AWS_ENDPOINT_URL_S3} by itself (how the emulator points the function at local services); an S3 endpoint of
 * one's own also means path-style addressing, which S3-compatible servers expect. The SDK's standard retries stay on,
 * each call bounded by {@link #CALL_TIMEOUT}: a record that still fails is delivered again by Lambda.
 */
final class AuditClients {
  /** One API call with its retries. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private AuditClients() {}

  /**
   * @param credentials Lambda's, re-read after a SnapStart restore (see {@code RestorableCredentials})
   * @param http {@link #http()}, or priming's that sends nothing
   */
  static DynamoDbClient dynamoDb(Map<String, String> environment, AwsCredentialsProvider credentials,
      SdkHttpClient http) {
    return DynamoDbClient.builder()
        .region(region(environment))
        .credentialsProvider(credentials)
        .httpClient(http)
        .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT))
        .build();
  }

  /** As {@link #dynamoDb}. */
  static S3Client s3(Map<String, String> environment, AwsCredentialsProvider credentials, SdkHttpClient http) {
    boolean ownEndpoint = environment.get("AWS_ENDPOINT_URL_S3") != null || environment.get("AWS_ENDPOINT_URL") != null;
    return S3Client.builder()
        .region(region(environment))
        .credentialsProvider(credentials)
        .httpClient(http)
        .forcePathStyle(ownEndpoint)
        .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT))
        .build();
  }

  private static Region region(Map<String, String> environment) {
    return Region.of(environment.getOrDefault("AWS_REGION", "us-east-1"));
  }

  static SdkHttpClient http() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(4))
        .build();
  }
}
