package dev.lambdaloom.emulator.events.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How sample events are written: indented JSON, and the time formats their sources use. */
final class SampleJson {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** S3's eventTime and SNS's Timestamp: ISO 8601 in UTC with milliseconds. */
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private SampleJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String write(ObjectNode event) {
    try {
      return MAPPER.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a JSON tree did not write", e);
    }
  }

  static String isoMillis(Instant time) {
    return ISO_MILLIS.format(time);
  }

  /** Epoch seconds with milliseconds as a decimal fraction, as Kinesis's approximateArrivalTimestamp. */
  static BigDecimal epochSecondsWithMillis(Instant time) {
    return BigDecimal.valueOf(time.toEpochMilli(), 3);
  }
}
