package dev.lambdaloom.emulator.events;

import dev.lambdaloom.emulator.template.FunctionConfig;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The local services the mappings read and write: each one a command started, empty when it runs none. A mapping
 * whose source has no endpoint here is not started, and says so; nothing ever reaches AWS.
 */
public record SourceEndpoints(Optional<URI> dynamodb, Optional<URI> kinesis, Optional<URI> sqs, Optional<URI> s3) {
  /**
   * The services a mapping of {@code function} reads and writes: the ones the function itself is given, its
   * AWS_ENDPOINT_URL_&lt;SERVICE&gt; variables (the template, --env-vars) first, else the services the command started
   * ({@code localEndpoints}, by service: DYNAMODB, KINESIS, SQS, S3). With --aws neither is set and nothing maps.
   */
  public static SourceEndpoints forFunction(FunctionConfig function, Map<String, URI> localEndpoints) {
    return new SourceEndpoints(endpoint(function, localEndpoints, "DYNAMODB"),
        endpoint(function, localEndpoints, "KINESIS"), endpoint(function, localEndpoints, "SQS"),
        endpoint(function, localEndpoints, "S3"));
  }

  private static Optional<URI> endpoint(FunctionConfig function, Map<String, URI> localEndpoints, String service) {
    String explicit = function.environment().get("AWS_ENDPOINT_URL_" + service);
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(URI.create(explicit.strip()));
    }
    return Optional.ofNullable(localEndpoints.get(service));
  }

  public static SourceEndpoints none() {
    return new SourceEndpoints(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public SourceEndpoints withDynamodb(URI endpoint) {
    return new SourceEndpoints(Optional.of(endpoint), kinesis, sqs, s3);
  }

  public SourceEndpoints withKinesis(URI endpoint) {
    return new SourceEndpoints(dynamodb, Optional.of(endpoint), sqs, s3);
  }

  public SourceEndpoints withSqs(URI endpoint) {
    return new SourceEndpoints(dynamodb, kinesis, Optional.of(endpoint), s3);
  }

  public SourceEndpoints withS3(URI endpoint) {
    return new SourceEndpoints(dynamodb, kinesis, sqs, Optional.of(endpoint));
  }
}
