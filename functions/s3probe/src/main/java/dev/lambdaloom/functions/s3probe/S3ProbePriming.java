package dev.lambdaloom.functions.s3probe;

import dev.lambdaloom.snapstart.CannedHttpClient;
import dev.lambdaloom.snapstart.CannedHttpClient.Answer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Runs a whole probe, the function's default one and the sequential one, with synchronous S3 clients built like the
 * container's over a {@link CannedHttpClient}: the request read, ListObjectsV2 and GetObject marshalled, signed and
 * their answers read, the matches counted, the result written; nothing is sent anywhere. The asynchronous clients'
 * own paths are not primed (their zips are benchmarks of those clients, cold start included).
 */
final class S3ProbePriming {
  private static final String LISTING = "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
      + "<Name>priming</Name><Prefix>priming/</Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys>"
      + "<IsTruncated>false</IsTruncated>"
      + "<Contents><Key>priming/1</Key><Size>12</Size><ETag>\"e\"</ETag>"
      + "<LastModified>2026-01-01T00:00:00.000Z</LastModified></Contents>"
      + "<Contents><Key>priming/2</Key><Size>12</Size><ETag>\"e\"</ETag>"
      + "<LastModified>2026-01-01T00:00:00.000Z</LastModified></Contents></ListBucketResult>";
  private static final byte[] OBJECT = "prime PRIME!".getBytes(StandardCharsets.UTF_8);

  private final Map<String, String> environment;

  S3ProbePriming(Map<String, String> environment) {
    this.environment = environment;
  }

  void prime() throws InterruptedException {
    CannedHttpClient canned = new CannedHttpClient(request -> request.firstMatchingRawQueryParameter("list-type")
        .isPresent() ? Answer.xml(LISTING) : Answer.of(200, "application/octet-stream", OBJECT));
    try (ProbeClients clients = new ProbeClients(Region.of(environment.getOrDefault("AWS_REGION", "us-east-1")),
        null, StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")), canned)) {
      for (Map<String, Object> event : java.util.List.<Map<String, Object>>of(
          Map.of("bucket", "priming", "prefix", "priming/", "find", "PRIME", "concurrency", 2),
          Map.of("bucket", "priming", "prefix", "priming/", "find", "PRIME", "mode", "sequential"))) {
        ProbeRequest request = ProbeRequest.from(event, Map.of());
        ProbeResult result = new S3Probe(clients).run(request, RunLimits.unbounded(request.concurrency()));
        request.describe();
        result.summary();
        result.toJson();
      }
    }
  }
}
