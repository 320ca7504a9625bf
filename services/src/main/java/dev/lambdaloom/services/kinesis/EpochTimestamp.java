package dev.lambdaloom.services.kinesis;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A timestamp in an answer, written the way its encoding's clients read it: CBOR tag 1 on epoch milliseconds for
 * CBOR, epoch seconds with milliseconds as a decimal number for JSON (see {@link Wire}). One answer document serves
 * both encodings; the generator decides.
 */
record EpochTimestamp(Instant instant) implements JsonSerializable {
  private static final int CBOR_EPOCH_TAG = 1;

  @Override
  public void serialize(JsonGenerator generator, SerializerProvider serializers) throws IOException {
    long millis = instant.toEpochMilli();
    if (generator instanceof CBORGenerator cbor) {
      cbor.writeTag(CBOR_EPOCH_TAG);
      cbor.writeNumber(millis);
    } else {
      generator.writeNumber(BigDecimal.valueOf(millis, 3));
    }
  }

  @Override
  public void serializeWithType(JsonGenerator generator, SerializerProvider serializers, TypeSerializer type)
      throws IOException {
    serialize(generator, serializers);
  }
}
