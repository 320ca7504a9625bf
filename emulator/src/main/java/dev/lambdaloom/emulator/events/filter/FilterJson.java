package dev.lambdaloom.emulator.events.filter;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON readers of filtering: thread-safe once built, so one of each for all. */
final class FilterJson {
  /**
   * For payloads (Kinesis data, SQS body): exact decimals (0.1 stays 0.1 for numeric rules) and nothing allowed after
   * the value, so "{} trailing text" is a plain string, not JSON.
   */
  static final ObjectMapper PAYLOAD = exact().build();

  /** For patterns, also refusing a repeated field, which would otherwise silently replace the first rule list. */
  static final ObjectMapper PATTERN = exact().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static JsonMapper.Builder exact() {
    return JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private FilterJson() {}
}
