package dev.lambdaloom.functions.readings;

import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The container's DynamoDB client, as Lambda's docs advise for fast cold starts: credentials and region straight from
 * the environment Lambda sets, the JDK's URL connection client; the SDK reads {@code AWS_ENDPOINT_URL_DYNAMODB} by
 * itself. The SDK's standard retries stay on, each call bounded by {@link #CALL_TIMEOUT}: a reading that still fails
 * is delivered again by Lambda.
 */
final class ReadingsClient {
  /** One API call with its retries. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private ReadingsClient() {}

  /**
   * @param credentials Lambda's, re-read after a SnapStart restore (see {@code RestorableCredentials})
   * @param http {@link #http()}, or priming's that sends nothing
   */
  static DynamoDbClient create(Map<String, String> environment, AwsCredentialsProvider credentials,
      SdkHttpClient http) {
    return DynamoDbClient.builder()
        .region(Region.of(environment.getOrDefault("AWS_REGION", "us-east-1")))
        .credentialsProvider(credentials)
        .httpClient(http)
        .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT))
        .build();
  }

  static SdkHttpClient http() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(4))
        .build();
  }
}
