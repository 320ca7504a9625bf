package dev.lambdaloom.services.kinesis;

import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** AWS's own Kinesis client, pointed at a KinesisLocal, with placeholder credentials and no retries to hide errors. */
final class KinesisClients {
  private KinesisClients() {}

  static KinesisClient of(KinesisLocal kinesis) {
    return of(kinesis, contentType -> {});
  }

  /** As {@link #of(KinesisLocal)}; {@code contentTypes} is told the Content-Type of every request the client sends. */
  static KinesisClient of(KinesisLocal kinesis, Consumer<String> contentTypes) {
    ExecutionInterceptor wireWatch = new ExecutionInterceptor() {
      @Override
      public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        contentTypes.accept(context.httpRequest().firstMatchingHeader("Content-Type").orElse(null));
      }
    };
    return KinesisClient.builder()
        .endpointOverride(kinesis.endpoint())
        .region(Region.of(kinesis.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("lambdaloom", "lambdaloom")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry())
            .addExecutionInterceptor(wireWatch))
        .build();
  }
}
