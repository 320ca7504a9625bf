package dev.lambdaloom.functions.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Keeps every removed item in S3, at {@code archive/<table>/<canonical key>/<sequence number>.json}: its old image as
 * plain JSON with what the stream said about the removal. The key depends only on the record, and the body too, so a
 * redelivered record overwrites its object with the same bytes: one object per removal, however often it is applied.
 */
final class RemovalArchive {
  private final S3Client s3;
  private final String bucket;

  RemovalArchive(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  static String key(Change removal) {
    return "archive/" + removal.origin().table() + "/" + removal.item().canonical().segment() + "/"
        + removal.origin().sequence().digits() + ".json";
  }

  /** Writes the object; returns its {@code s3://} address. */
  String archive(Change removal) {
    String key = key(removal);
    s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"),
        RequestBody.fromString(document(removal), StandardCharsets.UTF_8));
    return "s3://" + bucket + "/" + key;
  }

  /** The archived document; the same change always gives the same text. */
  static String document(Change removal) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = ImageJson.JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("table", removal.origin().table());
      json.writeStringField("eventName", removal.kind().name());
      json.writeStringField("sequenceNumber", removal.origin().sequence().digits());
      if (removal.origin().eventId().isPresent()) json.writeStringField("eventId", removal.origin().eventId().get());
      if (removal.origin().approximateCreation().isPresent()) {
        json.writeStringField("approximateCreationTime", removal.origin().approximateCreation().get().toString());
      }
      json.writeStringField("canonicalKey", removal.item().canonical().text());
      json.writeFieldName("keys");
      json.writeRawValue(removal.item().json());
      json.writeFieldName("oldImage");
      json.writeRawValue(removal.images().before().orElseThrow(() -> new IllegalArgumentException("a removal without its old image")));
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a string failed", e); // no I/O happens
    }
    return text.toString();
  }
}
