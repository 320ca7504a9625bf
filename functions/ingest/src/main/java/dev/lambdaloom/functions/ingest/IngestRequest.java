package dev.lambdaloom.functions.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.lambdaloom.core.Settings;
import dev.lambdaloom.readingformat.ReadingLimits;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
 *  "runId": "<execution name>", "resume": "<token from a previous call>"}
 * }</pre>
 *
 * <p>Read strictly, with core's {@link Settings} rules: whole numbers are JSON integers or digit strings (never
 * {@code 1.5}, {@code 1e3} or {@code " 8"}), choices are their exact labels, a JSON {@code null} is "not set", a field
 * given twice, a field nobody reads and anything after the event's object are refused.
 *
 * <p>Objects are written under {@code <keyPrefix><run>/<call>}: the run is {@code runId} when given, else the
 * invocation's request id, so a retried invocation (Lambda retries an asynchronous event with its request id)
 * writes the same keys and overwrites what the failed attempt left, instead of adding a second set. Step Functions
 * retries a task with a new request id: a state machine passes its execution's name, which its retries share, e.g.
 * {@code "Parameters": {"runId.$": "$$.Execution.Name", "resume.$": "$.resume", ...}}. A call resumed from a token
 * keeps the token's run and numbers itself after the call that made the token, so a retried resumed call
 * overwrites too.
 *
 * @param urlTemplate an absolute http(s) URL with one {@code {id}} placeholder
 * @param source the ids to fetch (ignored when {@code resume} is given: the token carries what is left)
 * @param bucket the S3 bucket written to
 * @param keyPrefix prefix of every object key written
 * @param runId the run named by the caller, or null (then the invocation's request id names it)
 * @param concurrency requests in flight, 1..10,000
 * @param requestTimeout the limit on one HTTP request, body included
 * @param maxAttempts attempts per document, retries included
 * @param parquet how the Parquet file is laid out
 * @param limits documents over these are rejected as too large (and kept)
 * @param resume a previous call's resume token, or null
 */
record IngestRequest(String urlTemplate, IdSource source, String bucket, String keyPrefix, RunId runId,
    int concurrency, Duration requestTimeout, int maxAttempts, ParquetOptions parquet, ReadingLimits limits,
    ResumeToken resume) {

  static final int DEFAULT_CONCURRENCY = 256;
  static final int MAX_CONCURRENCY = 10_000;
  static final String PLACEHOLDER = "{id}";
  /** The environment variable the template sets to the function's bucket. */
  static final String BUCKET_VARIABLE = "READINGS_BUCKET";
  /** Characters an id may have: it becomes part of a URL path as it is. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._~-]{1,256}");
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final Set<String> SCALARS = Set.of("urlTemplate", "bucket", "keyPrefix", "runId", "concurrency",
      "requestTimeoutMs", "maxAttempts", "maxValuesPerDocument", "maxDocumentBytes", "resume");
  private static final Set<String> PARQUET_FIELDS = Set.of("writerVersion", "compression", "rowGroupMb");

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

  /** Reads and checks a request with no environment; every problem is an IllegalArgumentException saying what to fix. */
  static IngestRequest parse(byte[] json) {
    return parse(json, Map.of());
  }

  /**
   * As {@link #parse(byte[])}, with the function's environment: {@value #BUCKET_VARIABLE} (set by the template) names
   * the bucket when the event does not.
   */
  static IngestRequest parse(byte[] json, Map<String, String> environment) {
    Map<String, Object> fields = new HashMap<>();
    IdSource.Range range = null;
    List<IdSource.Part> ids = null;
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("the event must be a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (SCALARS.contains(name)) {
          fields.put(name, scalar(p));
        } else if (value == JsonToken.VALUE_NULL && (name.equals("range") || name.equals("ids") || name.equals("parquet"))) {
          continue; // not set
        } else {
          switch (name) {
            case "range" -> range = range(p);
            case "ids" -> ids = ids(p);
            case "parquet" -> parquetFields(p, fields);
            default -> throw new IllegalArgumentException("unknown field '" + name + "' (see IngestRequest for the fields)");
          }
        }
      }
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("the event has more after its JSON object");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("the event is not valid JSON: " + messageOf(e), e);
    }
    return validate(Settings.of(fields, environment), range, ids);
  }

  private static IngestRequest validate(Settings settings, IdSource.Range range, List<IdSource.Part> ids) {
    String bucket = settings.text("bucket", BUCKET_VARIABLE, null);
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("'bucket' is required: the S3 bucket to write Parquet to "
          + "(in the event, or " + BUCKET_VARIABLE + " in the function's environment)");
    }
    String urlTemplate = settings.text("urlTemplate", null, null);
    if (urlTemplate == null) {
      throw new IllegalArgumentException("'urlTemplate' is required, e.g. https://api.example.com/readings/{id}");
    }
    checkUrlTemplate(urlTemplate);
    String keyPrefix = settings.text("keyPrefix", null, "ingest/");
    int concurrency = settings.wholeNumber("concurrency", null, DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY);
    int requestTimeoutMs = settings.wholeNumber("requestTimeoutMs", null, 10_000, 1, 15 * 60 * 1000);
    int maxAttempts = settings.wholeNumber("maxAttempts", null, 4, 1, 10);
    int maxValues = settings.wholeNumber("maxValuesPerDocument", null, ReadingLimits.DEFAULT.maxValues(), 1,
        Integer.MAX_VALUE);
    int maxBytes = settings.wholeNumber("maxDocumentBytes", null, ReadingLimits.DEFAULT.maxBytes(), 64,
        Integer.MAX_VALUE - 8);
    ParquetOptions parquet = ParquetOptions.DEFAULT
        .withWriterVersion(settings.choice("parquet.writerVersion", null, ParquetOptions.DEFAULT.writerVersion(),
            ParquetOptions.WriterVersion.class, Enum::name))
        .withCompression(settings.choice("parquet.compression", null, ParquetOptions.DEFAULT.compression(),
            ParquetOptions.Compression.class, Enum::name))
        .withRowGroupBytes(settings.wholeNumber("parquet.rowGroupMb", null,
            (int) (ParquetOptions.DEFAULT.rowGroupBytes() >> 20), 1, 256) * 1024L * 1024L);
    String runIdText = settings.text("runId", null, null);
    RunId runId = runIdText == null ? null : RunId.of(runIdText, "'runId'");
    String resume = settings.text("resume", null, null);

    if (range != null && ids != null) {
      throw new IllegalArgumentException("give either 'range' or 'ids', not both");
    }
    IdSource source = new IdSource(range != null ? List.of(range) : ids != null ? ids : List.of());
    ResumeToken token = resume == null ? null : ResumeToken.decode(resume);
    if (token == null && source.isEmpty()) {
      throw new IllegalArgumentException("nothing to fetch: 'range' is empty or missing, or 'ids' is empty");
    }
    if (token != null && runId != null && !token.run().equals(runId)) {
      throw new IllegalArgumentException("'runId' " + runId + " differs from the run of the resume token ("
          + token.run() + "): a resumed call writes under its token's run");
    }
    String prefix = keyPrefix.isEmpty() || keyPrefix.endsWith("/") ? keyPrefix : keyPrefix + "/";
    IngestRequest request = new IngestRequest(urlTemplate, source, bucket, prefix, runId, concurrency,
        Duration.ofMillis(requestTimeoutMs), maxAttempts, parquet, new ReadingLimits(maxValues, maxBytes), token);
    if (token != null && !token.job().equals(request.jobFingerprint())) {
      throw new IllegalArgumentException("the resume token belongs to another job (urlTemplate, bucket or keyPrefix differ)");
    }
    return request;
  }

  /** A field's value as {@link Settings} reads it: text, a number as JSON wrote it, a boolean, or null. */
  private static Object scalar(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getNumberValue();
      case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      case START_OBJECT -> {
        p.skipChildren();
        yield new Structured("an object");
      }
      case START_ARRAY -> {
        p.skipChildren();
        yield new Structured("an array");
      }
      default -> throw new IllegalArgumentException("'" + p.currentName() + "' has an unexpected value");
    };
  }

  /** An object or array where a single value belongs: every reading of it is refused, and says what it was. */
  private record Structured(String kind) {
    @Override
    public String toString() {
      return kind;
    }
  }

  private static void checkUrlTemplate(String template) {
    int at = template.indexOf(PLACEHOLDER);
    if (at < 0 || template.indexOf(PLACEHOLDER, at + 1) >= 0) {
      throw new IllegalArgumentException("'urlTemplate' must contain " + PLACEHOLDER + " exactly once: " + template);
    }
    URI uri;
    try {
      uri = URI.create(template.replace(PLACEHOLDER, "0"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'urlTemplate' is not a valid URL: " + template + " (" + e.getMessage() + ")", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("'urlTemplate' must be an absolute http(s) URL: " + template);
    }
  }

  private static IdSource.Range range(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("'range' must be an object {\"from\": 0, \"to\": 10000} (to excluded)");
    }
    Map<String, Object> ends = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (!name.equals("from") && !name.equals("to")) {
        throw new IllegalArgumentException("unknown field 'range." + name + "'");
      }
      ends.put("range." + name, scalar(p));
    }
    Settings settings = Settings.of(ends, Map.of());
    long from = settings.wholeNumber("range.from", null, -1L, 0L, Long.MAX_VALUE);
    long to = settings.wholeNumber("range.to", null, -1L, 0L, Long.MAX_VALUE);
    if (from < 0 || to < 0) {
      throw new IllegalArgumentException("'range' needs both 'from' and 'to' (to excluded)");
    }
    if (to <= from) {
      throw new IllegalArgumentException("'range' is empty: from " + from + " to " + to + " (to excluded)");
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
      ids.add(new IdSource.Listed(checkId(p.getText(), "'ids'")));
    }
    return ids;
  }

  /** An id as it goes into the URL: characters that would change the URL's meaning (/, ?, #, %, spaces) are refused. */
  static String checkId(String id, String where) {
    if (!SAFE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(where + " holds the id '" + id + "': ids are 1 to 256 letters, digits, "
          + "'-', '.', '_' or '~' (they go into the URL as they are)");
    }
    return id;
  }

  /** The parquet object's fields, as {@code parquet.<name>} settings. */
  private static void parquetFields(JsonParser p, Map<String, Object> fields) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("'parquet' must be an object");
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (!PARQUET_FIELDS.contains(name)) {
        throw new IllegalArgumentException("unknown field 'parquet." + name + "'");
      }
      fields.put("parquet." + name, scalar(p));
    }
  }

  /** Jackson's message without its location suffix. */
  static String messageOf(IOException e) {
    return e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }
}
