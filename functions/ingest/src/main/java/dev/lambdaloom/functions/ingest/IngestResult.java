package dev.lambdaloom.functions.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * What one call did. {@code valid + sum(rejected) == fetched}; {@code fetched + failedCount + pending
 * == requested}: every id is accounted for.
 *
 * @param requested ids this call was given
 * @param fetched documents received (valid or not)
 * @param valid documents written to Parquet
 * @param rejected invalid documents by reason code, each kept in the rejected-records object
 * @param retried retries made (attempts beyond the first)
 * @param failedCount ids that could not be fetched after retries
 * @param failedByReason those, by reason
 * @param failedIds the first {@link IngestJob#LISTED_FAILURES} of them (all are in the failed-records object)
 * @param rows Parquet rows written
 * @param values int64 values written
 * @param bytesWritten size of the Parquet object
 * @param keys every S3 object written
 * @param resume the token for the next call when this one stopped early, else null
 * @param pending ids left for the next call
 * @param durationMs wall time of the call
 */
record IngestResult(long requested, long fetched, long valid, Map<String, Long> rejected, long retried,
    long failedCount, Map<String, Long> failedByReason, List<String> failedIds, long rows, long values,
    long bytesWritten, List<String> keys, String resume, long pending, long durationMs) {

  private static final JsonFactory JSON = new JsonFactory();

  void writeTo(OutputStream out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("requested", requested);
      g.writeNumberField("fetched", fetched);
      g.writeNumberField("valid", valid);
      writeCounts(g, "rejected", rejected);
      g.writeNumberField("retried", retried);
      g.writeObjectFieldStart("failed");
      g.writeNumberField("count", failedCount);
      writeCounts(g, "byReason", failedByReason);
      g.writeArrayFieldStart("ids");
      for (String id : failedIds) {
        g.writeString(id);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeNumberField("rows", rows);
      g.writeNumberField("values", values);
      g.writeNumberField("bytesWritten", bytesWritten);
      g.writeArrayFieldStart("keys");
      for (String key : keys) {
        g.writeString(key);
      }
      g.writeEndArray();
      g.writeNumberField("pending", pending);
      if (resume == null) {
        g.writeNullField("resume");
      } else {
        g.writeStringField("resume", resume);
      }
      g.writeNumberField("durationMs", durationMs);
      g.writeEndObject();
    }
  }

  private static void writeCounts(JsonGenerator g, String name, Map<String, Long> counts) throws IOException {
    g.writeObjectFieldStart(name);
    for (var entry : counts.entrySet()) {
      g.writeNumberField(entry.getKey(), entry.getValue());
    }
    g.writeEndObject();
  }
}
