package dev.lambdaloom.functions.ingest;

import dev.lambdaloom.services.s3.S3Server;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Fails chosen S3 requests of a client, in the client, before they are sent: exactly the request a test names fails,
 * once or as often as asked, with the kind of exception a broken connection gives, while every other request reaches
 * the real S3 server. (A proxy in front of the server could also fail a request after the server acted on it; the
 * code under test sees the same exception either way, and the server's state is what the tests check.)
 */
final class FailingS3Requests implements ExecutionInterceptor {
  private final Predicate<SdkRequest> which;
  private final AtomicInteger failuresLeft;
  private final AtomicInteger failed = new AtomicInteger();

  private FailingS3Requests(Predicate<SdkRequest> which, int times) {
    this.which = which;
    this.failuresLeft = new AtomicInteger(times);
  }

  /** Fails the first {@code times} requests {@code which} picks. */
  static FailingS3Requests first(int times, Predicate<SdkRequest> which) {
    return new FailingS3Requests(which, times);
  }

  /** A client of {@code server}, set up as {@link S3Server#newClient()} does, whose requests pass through these faults. */
  S3Client client(S3Server server) {
    return S3Client.builder()
        .endpointOverride(URI.create(server.endpoint()))
        .forcePathStyle(true)
        .region(Region.of(server.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.addExecutionInterceptor(this))
        .build();
  }

  /** How many requests were failed. */
  int failed() {
    return failed.get();
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (which.test(context.request()) && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      failed.incrementAndGet();
      throw SdkClientException.create("injected failure of " + context.request());
    }
  }
}
