package dev.lambdaloom.emulator.events.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * An S3 event notification as Lambda receives it ({@code S3Event} in aws-lambda-java-events; S3 sends one record
 * per notification). The object key is URL-encoded as S3 writes it (a space is {@code +}); events that remove an
 * object carry no size or eTag. Immutable: start from {@link #of(SampleOrigin)} and change one setting at a time.
 */
public final class S3Sample {
  /** The event names of S3's notifications, without their {@code s3:} prefix. */
  public static final List<String> EVENT_NAMES = List.of(
      "ObjectCreated:Put", "ObjectCreated:Post", "ObjectCreated:Copy", "ObjectCreated:CompleteMultipartUpload",
      "ObjectRemoved:Delete", "ObjectRemoved:DeleteMarkerCreated",
      "ObjectRestore:Post", "ObjectRestore:Completed", "ObjectRestore:Delete",
      "ObjectTagging:Put", "ObjectTagging:Delete", "ObjectAcl:Put",
      "LifecycleExpiration:Delete", "LifecycleExpiration:DeleteMarkerCreated", "LifecycleTransition",
      "IntelligentTiering", "ReducedRedundancyLostObject",
      "Replication:OperationFailedReplication", "Replication:OperationMissedThreshold",
      "Replication:OperationReplicatedAfterThreshold", "Replication:OperationNotTracked");

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final int MAX_KEY_BYTES = 1024;

  /** Never changed once a sample holds it: every change copies it first. */
  private final Copy settings;

  private S3Sample(Copy settings) {
    this.settings = settings;
  }

  /** ObjectCreated:Put of my-bucket/test/key, 1,024 bytes. */
  public static S3Sample of(SampleOrigin origin) {
    Copy copy = new Copy();
    copy.origin = Objects.requireNonNull(origin, "origin");
    copy.bucket = "my-bucket";
    copy.key = "test/key";
    copy.eventName = "ObjectCreated:Put";
    copy.size = 1024;
    return new S3Sample(copy);
  }

  public S3Sample bucket(String value) {
    if (value == null || !BUCKET.matcher(value).matches()) {
      throw new InvalidSampleException("a bucket name is 3 to 63 lower-case letters, digits, '.' or '-', beginning and "
          + "ending with a letter or digit, found " + value);
    }
    return with(copy -> copy.bucket = value);
  }

  /** The object's key as stored, not encoded. */
  public S3Sample key(String value) {
    if (value == null || value.isEmpty() || value.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw new InvalidSampleException("an object key is 1 to " + MAX_KEY_BYTES + " bytes of UTF-8, found "
          + (value == null ? null : value.getBytes(StandardCharsets.UTF_8).length + " bytes"));
    }
    return with(copy -> copy.key = value);
  }

  /** One of {@link #EVENT_NAMES}, in any case, with or without {@code s3:}. */
  public S3Sample eventName(String value) {
    String name = value == null ? "" : value.regionMatches(true, 0, "s3:", 0, 3) ? value.substring(3) : value;
    String known = EVENT_NAMES.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst()
        .orElseThrow(() -> new InvalidSampleException("S3 has no event " + value + "; it sends " + EVENT_NAMES));
    return with(copy -> copy.eventName = known);
  }

  public S3Sample size(long bytes) {
    if (bytes < 0) {
      throw new InvalidSampleException("an object's size is 0 bytes or more, found " + bytes);
    }
    return with(copy -> copy.size = bytes);
  }

  public String json() {
    SampleOrigin origin = settings.origin;
    SampleIds ids = origin.ids();
    boolean removed = settings.eventName.startsWith("ObjectRemoved:")
        || settings.eventName.startsWith("LifecycleExpiration:");

    ObjectNode event = SampleJson.object();
    ObjectNode record = event.putArray("Records").addObject();
    record.put("eventVersion", "2.1");
    record.put("eventSource", "aws:s3");
    record.put("awsRegion", origin.region());
    record.put("eventTime", SampleJson.isoMillis(origin.time()));
    record.put("eventName", settings.eventName);
    record.putObject("userIdentity").put("principalId", "AWS:AIDA" + ids.hex(8).toUpperCase(Locale.ROOT));
    record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
    ObjectNode response = record.putObject("responseElements");
    response.put("x-amz-request-id", ids.hex(8).toUpperCase(Locale.ROOT));
    response.put("x-amz-id-2", ids.base64(48));
    ObjectNode s3 = record.putObject("s3");
    s3.put("s3SchemaVersion", "1.0");
    s3.put("configurationId", "lambdaloom");
    ObjectNode bucket = s3.putObject("bucket");
    bucket.put("name", settings.bucket);
    bucket.putObject("ownerIdentity").put("principalId", "A" + ids.hex(7).toUpperCase(Locale.ROOT));
    bucket.put("arn", "arn:aws:s3:::" + settings.bucket);
    ObjectNode object = s3.putObject("object");
    object.put("key", encodedKey(settings.key));
    if (!removed) {
      object.put("size", settings.size);
      object.put("eTag", ids.hex(16));
    }
    object.put("sequencer", ids.hex(9).toUpperCase(Locale.ROOT));
    return SampleJson.write(event);
  }

  /** As S3 writes keys in notifications: form-encoded (a space is +), slashes kept. */
  private static String encodedKey(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
  }

  private S3Sample with(Consumer<Copy> change) {
    Copy copy = settings.copy();
    change.accept(copy);
    return new S3Sample(copy);
  }

  private static final class Copy {
    SampleOrigin origin;
    String bucket;
    String key;
    String eventName;
    long size;

    Copy copy() {
      Copy copy = new Copy();
      copy.origin = origin;
      copy.bucket = bucket;
      copy.key = key;
      copy.eventName = eventName;
      copy.size = size;
      return copy;
    }
  }
}
