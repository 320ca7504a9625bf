package dev.lambdaloom.cli;

import dev.lambdaloom.emulator.events.samples.S3Sample;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "s3", mixinStandardHelpOptions = true,
    description = {"An S3 event notification (S3Event): one record; the key URL-encoded as S3 sends it.",
        "Event names: ObjectCreated:Put|Post|Copy|CompleteMultipartUpload, ObjectRemoved:Delete|DeleteMarkerCreated, "
            + "ObjectRestore:..., ObjectTagging:..., LifecycleExpiration:..., and the others S3 sends."})
final class EventS3Command implements Callable<Integer> {
  @Mixin EventOriginOptions origin;

  @Option(names = "--bucket", paramLabel = "NAME", defaultValue = "my-bucket",
      description = "Bucket name (default: ${DEFAULT-VALUE})")
  String bucket;

  @Option(names = "--key", paramLabel = "KEY", defaultValue = "test/key",
      description = "Object key as stored, not encoded (default: ${DEFAULT-VALUE})")
  String key;

  @Option(names = "--event-name", paramLabel = "NAME", defaultValue = "ObjectCreated:Put",
      description = "What happened, with or without s3: (default: ${DEFAULT-VALUE})")
  String eventName;

  @Option(names = "--size", paramLabel = "BYTES", defaultValue = "1024",
      description = "Object size (default: ${DEFAULT-VALUE}; removals carry none)")
  long size;

  @Override
  public Integer call() {
    return EventOriginOptions.print(S3Sample.of(origin.origin()).bucket(bucket).key(key).eventName(eventName)
        .size(size).json());
  }
}
