package dev.lambdaloom.functions.scavenger;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The function's DynamoDB client, as Lambda's docs advise for fast cold starts: credentials and region straight from
 * the environment Lambda sets (the container credentials endpoint on SnapStart), the JDK's URL connection client. The
 * SDK reads {@code AWS_ENDPOINT_URL_DYNAMODB} by itself, which is how the function reaches DynamoDB Local in the
 * emulator. The SDK does not retry: the scavenger
 * retries throttling itself, to count it and to stop at its deadline.
 *
 * <p>The JDK keeps 5 idle connections per host unless {@code -Dhttp.maxConnections} says otherwise; with 10 readers
 * and 10 deleters the rest would be reopened for every request. The template sets it in {@code JAVA_TOOL_OPTIONS}
 * (a JVM-wide setting belongs to the JVM's command line, not to a class initializer).
 */
final class ScavengerClient {
  private ScavengerClient() {}

  /** @param credentials Lambda's, re-read after a SnapStart restore (see {@code RestorableCredentials}) */
  static DynamoDbClient create(AwsCredentialsProvider credentials) {
    String region = System.getenv().getOrDefault("AWS_REGION", "us-east-1");
    return DynamoDbClient.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(2))
            .socketTimeout(Duration.ofSeconds(10))
            .build())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
