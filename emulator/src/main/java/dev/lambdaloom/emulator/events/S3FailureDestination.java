package dev.lambdaloom.emulator.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 bucket as a failure destination: one object per given-up batch, at the key Lambda uses,
 * {@code aws/lambda/<mapping uuid>/<shard id>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<random uuid>}.
 */
record S3FailureDestination(String arn, S3Client s3, String mappingUuid) implements FailureDestination {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH.mm.ss");

  String bucket() {
    return arn.substring("arn:aws:s3:::".length());
  }

  @Override
  public void send(FailedBatch batch, ObjectNode invocationRecord, ObjectNode payload) {
    ObjectNode object = invocationRecord.deepCopy();
    object.set("payload", payload);
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    String key = "aws/lambda/" + mappingUuid + "/" + batch.shardId() + "/" + DAY.format(now) + "/" + TIME.format(now)
        + "-" + UUID.randomUUID();
    s3.putObject(b -> b.bucket(bucket()).key(key).contentType("application/json"),
        RequestBody.fromBytes(Json.bytes(object)));
  }
}
