package dev.lambdaloom.functions.ingest;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The S3 client a container uses, configured from Lambda's environment. */
final class S3Clients {
  private S3Clients() {}

  /**
   * Credentials ({@code credentials}: Lambda's, re-read after a SnapStart restore, see {@code RestorableCredentials})
   * and region as Lambda sets them (no provider-chain probing at cold start), the lean
   * URL-connection HTTP client, and, when AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL) points at a
   * local S3, path-style addressing, which S3-compatible servers expect.
   */
  static S3Client fromEnvironment(Map<String, String> environment, AwsCredentialsProvider credentials) {
    return configured(environment)
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /**
   * The same client over {@code http}, with placeholder credentials: what the container's client does, signing and
   * checksums included, for priming its code without a connection.
   */
  static S3Client likeTheRealOne(Map<String, String> environment, SdkHttpClient http) {
    return configured(environment)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
        .httpClient(http)
        .build();
  }

  private static S3ClientBuilder configured(Map<String, String> environment) {
    String region = environment.getOrDefault("AWS_REGION", "us-east-1");
    boolean customEndpoint = environment.get("AWS_ENDPOINT_URL_S3") != null || environment.get("AWS_ENDPOINT_URL") != null;
    return S3Client.builder()
        .region(Region.of(region))
        .forcePathStyle(customEndpoint);
  }
}
