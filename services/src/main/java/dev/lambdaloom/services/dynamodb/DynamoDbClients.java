package dev.lambdaloom.services.dynamodb;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SDK v2 clients for a DynamoDB endpoint on this machine (DynamoDB Local, or a proxy in front of it): endpoint
 * override, placeholder credentials (DynamoDB Local accepts any), the JDK's URL connection client.
 */
public final class DynamoDbClients {
  private DynamoDbClients() {}

  /**
   * A client for {@code endpoint} that makes exactly one attempt per call: callers that retry do it with core's
   * Retrier, so that every retry is counted. Close it when done.
   */
  public static DynamoDbClient forEndpoint(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("lambdaloom", "lambdaloom")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
