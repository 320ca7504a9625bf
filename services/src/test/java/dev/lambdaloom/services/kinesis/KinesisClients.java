package dev.lambdaloom.services.kinesis;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** AWS's own Kinesis client, pointed at a KinesisLocal, with placeholder credentials and no retries to hide errors. */
final class KinesisClients {
  private KinesisClients() {}

  static KinesisClient of(KinesisLocal kinesis) {
    return KinesisClient.builder()
        .endpointOverride(kinesis.endpoint())
        .region(Region.of(kinesis.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("lambdaloom", "lambdaloom")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
