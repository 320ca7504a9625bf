package dev.lambdaloom.services.kinesis;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Kinesis's two encodings of the same documents. AWS JSON 1.1 carries blobs as base64 strings and timestamps as epoch
 * seconds (a decimal number); CBOR, which AWS's Java SDK v2 client speaks by default, carries blobs as byte strings and
 * timestamps as CBOR tag 1 on a whole number of epoch <em>milliseconds</em> (the SDK's SdkCborGenerator writes them so,
 * and its parser reads them with getLongValue as milliseconds). Jackson's CBOR tree drops the tag and keeps the number.
 * Answers go back in the request's encoding.
 */
enum Wire {
  JSON("application/x-amz-json-1.1", new ObjectMapper()),
  CBOR("application/x-amz-cbor-1.1", new ObjectMapper(new CBORFactory()));

  private final String contentType;
  private final ObjectMapper mapper;

  Wire(String contentType, ObjectMapper mapper) {
    this.contentType = contentType;
    this.mapper = mapper;
  }

  /** The encoding a Content-Type header names, with or without parameters. */
  static Optional<Wire> of(String contentTypeHeader) {
    if (contentTypeHeader == null) {
      return Optional.empty();
    }
    String type = contentTypeHeader.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    for (Wire wire : values()) {
      if (wire.contentType.equals(type)) {
        return Optional.of(wire);
      }
    }
    return Optional.empty();
  }

  String contentType() {
    return contentType;
  }

  /** The request document: an object, {} for an empty body. */
  ObjectNode read(byte[] body) throws KinesisFailure {
    if (body.length == 0) {
      return mapper.createObjectNode();
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JacksonException e) {
      throw new KinesisFailure(KinesisError.SERIALIZATION, "the request body is not " + this + " as its Content-Type "
          + contentType + " says: " + e.getOriginalMessage(), e);
    } catch (java.io.IOException e) {
      throw new KinesisFailure(KinesisError.SERIALIZATION, "the request body could not be read as " + this, e);
    }
    if (root == null || root.isMissingNode()) {
      return mapper.createObjectNode();
    }
    if (!(root instanceof ObjectNode object)) {
      throw new KinesisFailure(KinesisError.SERIALIZATION, "the request body is a " + root.getNodeType()
          + ", not an object of the operation's fields");
    }
    return object;
  }

  byte[] write(ObjectNode document) {
    try {
      return mapper.writeValueAsBytes(document);
    } catch (JacksonException e) {
      throw new IllegalStateException("an answer document could not be written as " + this, e);
    }
  }

  ObjectNode newObject() {
    return mapper.createObjectNode();
  }

  /** A timestamp field of a request, in this encoding's form. */
  Instant instant(JsonNode value, String field) throws KinesisFailure {
    if (!value.isNumber()) {
      throw new KinesisFailure(KinesisError.SERIALIZATION, field + " must be a timestamp as a number of epoch "
          + (this == CBOR ? "milliseconds" : "seconds") + ", not " + value);
    }
    if (this == CBOR && value.isIntegralNumber()) {
      return Instant.ofEpochMilli(value.longValue());
    }
    // JSON's epoch seconds; in CBOR a fraction means seconds too, as RFC 8949's tag 1 defines them
    BigDecimal seconds = value.decimalValue();
    BigDecimal whole = new BigDecimal(seconds.toBigInteger());
    return Instant.ofEpochSecond(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).longValue());
  }
}
