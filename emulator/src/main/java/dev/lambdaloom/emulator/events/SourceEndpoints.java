package dev.lambdaloom.emulator.events;

import java.net.URI;
import java.util.Optional;

/**
 * The local services the mappings read and write: each one a command started, empty when it runs none. A mapping
 * whose source has no endpoint here is not started, and says so; nothing ever reaches AWS.
 */
public record SourceEndpoints(Optional<URI> dynamodb, Optional<URI> kinesis, Optional<URI> sqs, Optional<URI> s3) {
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
