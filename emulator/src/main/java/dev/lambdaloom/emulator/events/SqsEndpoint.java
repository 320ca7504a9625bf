package dev.lambdaloom.emulator.events;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local SQS server a mapping polls (ElasticMQ on 127.0.0.1): never AWS, so placeholder credentials.
 *
 * @param url the server's endpoint, what AWS_ENDPOINT_URL_SQS gives functions
 * @param region the region records name in {@code awsRegion}
 */
public record SqsEndpoint(URI url, String region) {
  private static final String PLACEHOLDER_CREDENTIAL = "lambdaloom";

  public SqsEndpoint {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(region, "region");
    if (!"127.0.0.1".equals(url.getHost()) && !"localhost".equals(url.getHost())) {
      throw new IllegalArgumentException("the SQS endpoint of a mapping must be on this machine, not " + url);
    }
  }

  /** A new client for the server; the caller closes it. */
  SqsClient newClient() {
    return SqsClient.builder()
        .endpointOverride(url)
        .region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(PLACEHOLDER_CREDENTIAL, PLACEHOLDER_CREDENTIAL)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }
}
