package dev.lambdaloom.readingformat;

import static dev.lambdaloom.readingformat.RejectReason.DATETIME_NOT_ISO8601;
import static dev.lambdaloom.readingformat.RejectReason.DATETIME_NOT_STRING;
import static dev.lambdaloom.readingformat.RejectReason.DUPLICATE_FIELD;
import static dev.lambdaloom.readingformat.RejectReason.EMPTY_VALUES;
import static dev.lambdaloom.readingformat.RejectReason.MISSING_DATETIME;
import static dev.lambdaloom.readingformat.RejectReason.MISSING_VALUES;
import static dev.lambdaloom.readingformat.RejectReason.NOT_AN_OBJECT;
import static dev.lambdaloom.readingformat.RejectReason.NOT_JSON;
import static dev.lambdaloom.readingformat.RejectReason.NULL_DATETIME;
import static dev.lambdaloom.readingformat.RejectReason.NULL_VALUES;
import static dev.lambdaloom.readingformat.RejectReason.TOO_LARGE;
import static dev.lambdaloom.readingformat.RejectReason.TRAILING_CONTENT;
import static dev.lambdaloom.readingformat.RejectReason.TRUNCATED;
import static dev.lambdaloom.readingformat.RejectReason.UNEXPECTED_FIELD;
import static dev.lambdaloom.readingformat.RejectReason.VALUES_NOT_ARRAY;
import static dev.lambdaloom.readingformat.RejectReason.VALUE_FRACTIONAL;
import static dev.lambdaloom.readingformat.RejectReason.VALUE_NOT_INTEGER;
import static dev.lambdaloom.readingformat.RejectReason.VALUE_OUT_OF_RANGE;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Validates a reading document while it parses it, with Jackson's streaming API: no tree, no data binding, no boxing.
 * The values go straight into a pooled {@code long[]} buffer; a valid document costs one exact-size copy of it.
 *
 * <p>The schema is strict: an object with exactly the fields {@code datetime} (an ISO-8601 local date-time string,
 * optionally with an offset) and {@code values} (a non-empty array of int64 integer literals), in any order, each
 * once, and nothing after it. Numbers with a fraction or exponent ({@code 1.0}, {@code 1e3}) are rejected even when
 * whole: the device sends integers, so anything else means something upstream changed. The first problem found, in
 * document order, is returned as a {@link Rejection}.
 *
 * <p>Thread-safe: share one instance; concurrent parses take separate buffers from its pool.
 */
public final class ReadingParser {
  /** Shared buffer recycling that works with virtual threads (Jackson's default pool is per platform thread). */
  private static final JsonFactory JSON = JsonFactory.builder()
      .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
      .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
      .build();

  /** How much of a bad string a detail quotes. */
  private static final int EXCERPT_LENGTH = 40;

  private final ReadingLimits limits;
  private final ScratchPool scratchPool;

  /** A parser with {@link ReadingLimits#DEFAULT}. */
  public ReadingParser() {
    this(ReadingLimits.DEFAULT);
  }

  public ReadingParser(ReadingLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.scratchPool = new ScratchPool(limits.maxValues());
  }

  public ReadingLimits limits() {
    return limits;
  }

  /** Parses a whole document, such as an HTTP response body. */
  public ParseResult parse(byte[] document) {
    return parse(document, 0, document.length);
  }

  /** Parses the document in {@code document[offset, offset + length)}. */
  public ParseResult parse(byte[] document, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, document.length);
    if (length > limits.maxBytes()) {
      return Rejection.of(TOO_LARGE, "document of " + length + " bytes, over the limit of " + limits.maxBytes());
    }
    try (JsonParser json = JSON.createParser(document, offset, length)) {
      return read(json, from -> from < 0 || from > length || length - from > InputEnd.MAX_TAIL
          ? null
          : Arrays.copyOfRange(document, offset + (int) from, offset + length));
    } catch (IOException e) {
      throw new UncheckedIOException("reading a byte array failed", e); // no I/O happens: a Jackson bug if ever
    }
  }

  /**
   * Parses a document as it streams in, reading no further than the first problem or {@link ReadingLimits#maxBytes}.
   * The caller keeps ownership of {@code document} and closes it.
   *
   * @throws IOException only when reading {@code document} fails; bad content is a {@link Rejection}
   */
  public ParseResult parse(InputStream document) throws IOException {
    ByteLimitedInputStream limited = new ByteLimitedInputStream(document, limits.maxBytes());
    try (JsonParser json = JSON.createParser(limited)) {
      return read(json, limited);
    } catch (ByteLimitedInputStream.LimitExceeded e) {
      return Rejection.of(TOO_LARGE, "document of " + e.getMessage() + ", over the limit of " + limits.maxBytes());
    }
  }

  /** Buffers allocated by this parser's pool; stays at the peak concurrency once warm. */
  int scratchBuffersCreated() {
    return scratchPool.created();
  }

  /** How often a pooled buffer had to grow; stops rising once the buffers fit the largest documents seen. */
  long scratchGrowths() {
    return scratchPool.growths();
  }

  private ParseResult read(JsonParser json, InputEnd end) throws IOException {
    LongScratch scratch = scratchPool.take();
    try {
      return new Document(json, end, scratch, limits.maxValues()).read();
    } finally {
      scratchPool.give(scratch);
    }
  }

  /** The state of one parse; its position lets a syntax error be reported with where it happened. */
  private static final class Document {
    private final JsonParser json;
    private final InputEnd end;
    private final LongScratch values;
    private final int maxValues;
    private boolean inValues;
    private boolean ended;

    Document(JsonParser json, InputEnd end, LongScratch values, int maxValues) {
      this.json = json;
      this.end = end;
      this.values = values;
      this.maxValues = maxValues;
    }

    ParseResult read() throws IOException {
      try {
        return readDocument();
      } catch (StreamConstraintsException e) {
        // Jackson's guard against absurdly long tokens: within a document under maxBytes, only a number can trip it.
        return reject(inValues ? VALUE_OUT_OF_RANGE : TOO_LARGE, e.getOriginalMessage() + at(e.getLocation()));
      } catch (JacksonException e) {
        if (ended) return reject(TRAILING_CONTENT, e.getOriginalMessage() + at(e.getLocation()));
        if (cutShort(e)) {
          return reject(TRUNCATED, "unexpected end of input" + (inValues ? " in values" : "") + at(e.getLocation()));
        }
        return reject(NOT_JSON, e.getOriginalMessage() + at(e.getLocation()));
      }
    }

    /** Jackson says so, or the error sits in an unfinished token at the very end of the input. */
    private boolean cutShort(JacksonException e) {
      if (e instanceof JsonEOFException) return true;
      JsonLocation location = e.getLocation();
      if (location == null) return false;
      byte[] tail = end.tailFrom(location.getByteOffset());
      return tail != null && InputEnd.isUnfinished(tail);
    }

    private ParseResult readDocument() throws IOException {
      JsonToken token = json.nextToken();
      if (token == null) return reject(TRUNCATED, "empty document");
      if (token != JsonToken.START_OBJECT) return reject(NOT_AN_OBJECT, "document is " + describe(token));

      String datetime = null;
      boolean sawDatetime = false;
      boolean sawValues = false;
      while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        if (name.equals("datetime")) {
          if (sawDatetime) return reject(DUPLICATE_FIELD, "field \"datetime\" appears twice" + here());
          sawDatetime = true;
          token = json.nextToken();
          if (token == JsonToken.VALUE_NULL) return reject(NULL_DATETIME, "datetime is null");
          if (token != JsonToken.VALUE_STRING) return reject(DATETIME_NOT_STRING, "datetime is " + describe(token));
          datetime = json.getText();
          if (!IsoDateTime.isValid(datetime)) {
            return reject(DATETIME_NOT_ISO8601, "datetime is not an ISO-8601 date-time: " + excerpt(datetime));
          }
        } else if (name.equals("values")) {
          if (sawValues) return reject(DUPLICATE_FIELD, "field \"values\" appears twice" + here());
          sawValues = true;
          token = json.nextToken();
          if (token == JsonToken.VALUE_NULL) return reject(NULL_VALUES, "values is null");
          if (token != JsonToken.START_ARRAY) return reject(VALUES_NOT_ARRAY, "values is " + describe(token));
          Rejection rejection = readValues();
          if (rejection != null) return rejection;
        } else {
          return reject(UNEXPECTED_FIELD, "unexpected field " + excerpt(name) + here());
        }
      }
      if (token != JsonToken.END_OBJECT) return reject(TRUNCATED, "unexpected end of input"); // Jackson throws first
      if (!sawDatetime) return reject(MISSING_DATETIME, "no datetime field");
      if (!sawValues) return reject(MISSING_VALUES, "no values field");
      ended = true;
      token = json.nextToken();
      if (token != null) return reject(TRAILING_CONTENT, describe(token) + " after the document" + here());
      return new Reading(datetime, values.toArray());
    }

    /** Reads the elements after {@code [}; the hot loop: no allocation per value. */
    private Rejection readValues() throws IOException {
      inValues = true;
      JsonToken token;
      while ((token = json.nextToken()) == JsonToken.VALUE_NUMBER_INT) {
        int index = values.size();
        if (json.getNumberType() == NumberType.BIG_INTEGER) {
          return rejectValue(VALUE_OUT_OF_RANGE, "integer outside int64: " + excerpt(json.getText()), index);
        }
        if (index == maxValues) return rejectValue(TOO_LARGE, "more than " + maxValues + " values", index);
        values.add(json.getLongValue());
      }
      if (token == null) return reject(TRUNCATED, "unexpected end of input in values"); // Jackson throws first
      inValues = false;
      int index = values.size();
      if (token == JsonToken.END_ARRAY) {
        return index == 0 ? rejectValue(EMPTY_VALUES, "values is empty", -1) : null;
      }
      if (token == JsonToken.VALUE_NUMBER_FLOAT) {
        return rejectValue(VALUE_FRACTIONAL, "not an integer literal: " + excerpt(json.getText()), index);
      }
      return rejectValue(VALUE_NOT_INTEGER, "element is " + describe(token), index);
    }

    private Rejection reject(RejectReason reason, String detail) {
      int index = inValues ? values.size() : -1;
      return new Rejection(reason, detail, index);
    }

    private Rejection rejectValue(RejectReason reason, String detail, int index) {
      return new Rejection(reason, index >= 0 ? detail + " at values[" + index + "]" : detail, index);
    }

    private String here() {
      return at(json.currentTokenLocation());
    }

    private String at(JsonLocation location) {
      if (location == null) return "";
      long offset = location.getByteOffset();
      return " (line " + location.getLineNr() + ", column " + location.getColumnNr()
          + (offset >= 0 ? ", byte " + offset : "") + ")";
    }

    private static String describe(JsonToken token) {
      return switch (token) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "an array";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "null";
        default -> token.name();
      };
    }

    private static String excerpt(String text) {
      return text.length() <= EXCERPT_LENGTH
          ? '"' + text + '"'
          : '"' + text.substring(0, EXCERPT_LENGTH) + "\"… (" + text.length() + " chars)";
    }
  }
}
