package dev.lambdaloom.emulator.events;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The emulator's own SDK clients for local services: an explicit endpoint each, placeholder credentials (never the
 * shell's), the JDK's HTTP client. Closes every client it made. Thread-safe once made (the SDK's clients are).
 */
final class LocalClients implements AutoCloseable {
  private static final StaticCredentialsProvider PLACEHOLDER =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("lambdaloom", "lambdaloom"));

  private final String region;
  /** Guarded by {@code this}. */
  private final List<SdkClient> made = new ArrayList<>();

  LocalClients(String region) {
    this.region = region;
  }

  synchronized DynamoDbClient dynamodb(URI endpoint) {
    return keep(DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(region))
        .credentialsProvider(PLACEHOLDER).httpClient(UrlConnectionHttpClient.create()).build());
  }

  synchronized DynamoDbStreamsClient dynamodbStreams(URI endpoint) {
    return keep(DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.of(region))
        .credentialsProvider(PLACEHOLDER).httpClient(UrlConnectionHttpClient.create()).build());
  }

  synchronized KinesisClient kinesis(URI endpoint) {
    return keep(KinesisClient.builder().endpointOverride(endpoint).region(Region.of(region))
        .credentialsProvider(PLACEHOLDER).httpClient(UrlConnectionHttpClient.create()).build());
  }

  synchronized S3Client s3(URI endpoint) {
    return keep(S3Client.builder().endpointOverride(endpoint).region(Region.of(region)).forcePathStyle(true)
        .credentialsProvider(PLACEHOLDER).httpClient(UrlConnectionHttpClient.create()).build());
  }

  synchronized SqsClient sqs(URI endpoint) {
    return keep(SqsClient.builder().endpointOverride(endpoint).region(Region.of(region))
        .credentialsProvider(PLACEHOLDER).httpClient(UrlConnectionHttpClient.create()).build());
  }

  private <T extends SdkClient> T keep(T client) {
    made.add(client);
    return client;
  }

  @Override
  public synchronized void close() {
    made.forEach(SdkClient::close);
    made.clear();
  }
}
