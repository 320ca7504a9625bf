package dev.lambdaloom.functions.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one invocation of the ingest function is asked to do, checked before any request is made.
 *
 * <pre>{@code
 * {"urlTemplate": "https://api.example.com/devices/d-1/readings/{id}",
 *  "range": {"from": 0, "to": 10000},          // or "ids": ["17", "42", ...]
 *  "bucket": "readings", "keyPrefix": "ingest/2026-11-23/",
 *  "concurrency": 256, "requestTimeoutMs": 10000, "maxAttempts": 4,
 *  "parquet": {"writerVersion": "PARQUET_2_0", "compression": "SNAPPY", "rowGroupMb": 4},
 *  "maxValuesPerDocument": 200000, "maxDocumentBytes": 8388608,
 *  "resume": "<token from a previous call>"}
 * }</pre>
 *
 * @param urlTemplate an absolute http(s) URL with one {@code {id}} placeholder
 * @param source the ids to fetch (ignored when {@code resume} is given: the token carries what is left)
 * @param bucket the S3 bucket written to
 * @param keyPrefix prefix of every object key written
 * @param concurrency requests in flight, 1..10,000
 * @param requestTimeout the limit on one HTTP request, body included
 * @param maxAttempts attempts per document, retries included
 * @param parquet how the Parquet file is laid out
 * @param limits documents over these are rejected as too large (and kept)
 * @param resume a previous call's resume token, or null
 */
record IngestRequest(String urlTemplate, IdSource source, String bucket, String keyPrefix, int concurrency,
    Duration requestTimeout, int maxAttempts, ParquetOptions parquet, ReadingLimits limits, ResumeToken resume) {

  static final int DEFAULT_CONCURRENCY = 256;
  static final int MAX_CONCURRENCY = 10_000;
  static final String PLACEHOLDER = "{id}";
  private static final JsonFactory JSON = new JsonFactory();

  String url(String id) {
    return urlTemplate.replace(PLACEHOLDER, id);
  }

  /** What the ids of this call are: the token's remainder when resuming, else the source. */
  IdSource ids() {
    return resume == null ? source : resume.pending();
  }

  /** Identifies the job (not the call), so a token is only accepted by the job that made it. */
  String jobFingerprint() {
    return Integer.toHexString((urlTemplate + "|" + bucket + "|" + keyPrefix).hashCode());
  }

  /** Reads and checks a request; every problem is an IllegalArgumentException saying what to fix. */
  static IngestRequest parse(byte[] json) {
    return parse(json, null);
  }

  /**
   * As {@link #parse(byte[])}, with the bucket to use when the event names none (the function's
   * READINGS_BUCKET, set by the template).
   */
  static IngestRequest parse(byte[] json, String defaultBucket) {
    Fields f = new Fields();
    f.bucket = defaultBucket;
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("the event must be a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "urlTemplate" -> f.urlTemplate = text(p, name);
          case "bucket" -> f.bucket = text(p, name);
          case "keyPrefix" -> f.keyPrefix = text(p, name);
          case "concurrency" -> f.concurrency = integer(p, name);
          case "requestTimeoutMs" -> f.requestTimeoutMs = integer(p, name);
          case "maxAttempts" -> f.maxAttempts = integer(p, name);
          case "resume" -> f.resume = p.currentToken() == JsonToken.VALUE_NULL ? null : text(p, name);
          case "range" -> f.range = range(p);
          case "ids" -> f.ids = ids(p);
          case "parquet" -> f.parquet = parquet(p);
          case "maxValuesPerDocument" -> f.maxValues = integer(p, name);
          case "maxDocumentBytes" -> f.maxBytes = integer(p, name);
          default -> throw new IllegalArgumentException("unknown field '" + name + "' (see IngestRequest for the fields)");
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("the event is not valid JSON: " + messageOf(e), e);
    }
    return f.validate();
  }

  private static final class Fields {
    String urlTemplate;
    String bucket;
    String keyPrefix = "ingest/";
    int concurrency = DEFAULT_CONCURRENCY;
    int requestTimeoutMs = 10_000;
    int maxAttempts = 4;
    String resume;
    IdSource.Range range;
    List<IdSource.Part> ids;
    ParquetOptions parquet = ParquetOptions.DEFAULT;
    int maxValues = ReadingLimits.DEFAULT.maxValues();
    int maxBytes = ReadingLimits.DEFAULT.maxBytes();

    IngestRequest validate() {
      if (bucket == null || bucket.isBlank()) {
        throw new IllegalArgumentException("'bucket' is required: the S3 bucket to write Parquet to "
            + "(in the event, or READINGS_BUCKET in the function's environment)");
      }
      if (urlTemplate == null) {
        throw new IllegalArgumentException("'urlTemplate' is required, e.g. https://api.example.com/readings/{id}");
      }
      checkUrlTemplate(urlTemplate);
      if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
        throw new IllegalArgumentException("'concurrency' must be 1.." + MAX_CONCURRENCY + ", not " + concurrency);
      }
      if (requestTimeoutMs < 1) {
        throw new IllegalArgumentException("'requestTimeoutMs' must be positive, not " + requestTimeoutMs);
      }
      if (maxAttempts < 1 || maxAttempts > 10) {
        throw new IllegalArgumentException("'maxAttempts' must be 1..10, not " + maxAttempts);
      }
      if (maxValues < 1 || maxBytes < 64) {
        throw new IllegalArgumentException("'maxValuesPerDocument' must be positive and 'maxDocumentBytes' at least 64");
      }
      if (range != null && ids != null) {
        throw new IllegalArgumentException("give either 'range' or 'ids', not both");
      }
      IdSource source = new IdSource(range != null ? List.of(range) : ids != null ? ids : List.of());
      ResumeToken token = resume == null ? null : ResumeToken.decode(resume);
      if (token == null && source.isEmpty()) {
        throw new IllegalArgumentException("nothing to fetch: 'range' is empty or missing, or 'ids' is empty");
      }
      String prefix = keyPrefix.isEmpty() || keyPrefix.endsWith("/") ? keyPrefix : keyPrefix + "/";
      IngestRequest request = new IngestRequest(urlTemplate, source, bucket, prefix, concurrency,
          Duration.ofMillis(requestTimeoutMs), maxAttempts, parquet, new ReadingLimits(maxValues, maxBytes), token);
      if (token != null && !token.job().equals(request.jobFingerprint())) {
        throw new IllegalArgumentException("the resume token belongs to another job (urlTemplate, bucket or keyPrefix differ)");
      }
      return request;
    }
  }

  private static void checkUrlTemplate(String template) {
    int at = template.indexOf(PLACEHOLDER);
    if (at < 0 || template.indexOf(PLACEHOLDER, at + 1) >= 0) {
      throw new IllegalArgumentException("'urlTemplate' must contain " + PLACEHOLDER + " exactly once: " + template);
    }
    try {
      URI uri = URI.create(template.replace(PLACEHOLDER, "0"));
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new IllegalArgumentException("'urlTemplate' must be an absolute http(s) URL: " + template);
      }
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("'urlTemplate'")) {
        throw e;
      }
      throw new IllegalArgumentException("'urlTemplate' is not a valid URL: " + template + " (" + e.getMessage() + ")");
    }
  }

  private static String text(JsonParser p, String name) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw new IllegalArgumentException("'" + name + "' must be a string");
    }
    return p.getText();
  }

  private static int integer(JsonParser p, String name) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
      throw new IllegalArgumentException("'" + name + "' must be a whole number");
    }
    return p.getIntValue();
  }

  private static IdSource.Range range(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("'range' must be an object {\"from\": 0, \"to\": 10000} (to excluded)");
    }
    Long from = null;
    Long to = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        throw new IllegalArgumentException("'range." + name + "' must be a whole number");
      }
      switch (name) {
        case "from" -> from = p.getLongValue();
        case "to" -> to = p.getLongValue();
        default -> throw new IllegalArgumentException("unknown field 'range." + name + "'");
      }
    }
    if (from == null || to == null) {
      throw new IllegalArgumentException("'range' needs both 'from' and 'to' (to excluded)");
    }
    if (from < 0 || to <= from) {
      throw new IllegalArgumentException("'range' is empty or negative: from " + from + " to " + to + " (to excluded)");
    }
    return new IdSource.Range(from, to);
  }

  private static List<IdSource.Part> ids(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new IllegalArgumentException("'ids' must be an array of strings");
    }
    List<IdSource.Part> ids = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.VALUE_STRING && p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        throw new IllegalArgumentException("'ids' must hold strings (or whole numbers)");
      }
      String id = p.getText();
      if (id.isBlank()) {
        throw new IllegalArgumentException("'ids' holds a blank id");
      }
      ids.add(new IdSource.Listed(id));
    }
    return ids;
  }

  private static ParquetOptions parquet(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("'parquet' must be an object");
    }
    ParquetOptions options = ParquetOptions.DEFAULT;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "writerVersion" -> {
          try {
            options = options.withWriterVersion(ParquetOptions.WriterVersion.valueOf(text(p, "parquet.writerVersion")));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'parquet.writerVersion' must be PARQUET_1_0 or PARQUET_2_0");
          }
        }
        case "compression" -> {
          try {
            options = options.withCompression(ParquetOptions.Compression.valueOf(text(p, "parquet.compression")));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'parquet.compression' must be ZSTD, SNAPPY, LZ4_RAW or UNCOMPRESSED");
          }
        }
        case "rowGroupMb" -> {
          int mb = integer(p, "parquet.rowGroupMb");
          if (mb < 1 || mb > 256) {
            throw new IllegalArgumentException("'parquet.rowGroupMb' must be 1..256, not " + mb);
          }
          options = options.withRowGroupBytes(mb * 1024L * 1024L);
        }
        default -> throw new IllegalArgumentException("unknown field 'parquet." + name + "'");
      }
    }
    return options;
  }

  /** Jackson's message without its location suffix. */
  static String messageOf(IOException e) {
    return e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }
}
