package dev.lambdaloom.functions.ingest;

import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 client a container uses, configured from Lambda's environment. */
final class S3Clients {
  private S3Clients() {}

  /**
   * Credentials and region as Lambda sets them (no provider-chain probing at cold start), the lean
   * URL-connection HTTP client, and, when AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL) points at a
   * local S3, path-style addressing, which S3-compatible servers expect.
   */
  static S3Client fromEnvironment() {
    String region = System.getenv().getOrDefault("AWS_REGION", "us-east-1");
    boolean customEndpoint = System.getenv("AWS_ENDPOINT_URL_S3") != null || System.getenv("AWS_ENDPOINT_URL") != null;
    return S3Client.builder()
        .region(Region.of(region))
        .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
        .httpClient(UrlConnectionHttpClient.create())
        .forcePathStyle(customEndpoint)
        .build();
  }
}
