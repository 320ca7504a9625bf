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
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** One malformed kind per test; each asserts the exact reason and, where it applies, the value index. */
class ReadingParserRejectionTest {
  private static final String DT = "\"datetime\": \"2020-01-27T07:07:27.744489\"";

  private final ReadingParser parser = new ReadingParser();

  @Test
  void truncatedInsideValues() {
    Rejection rejection = rejected("{" + DT + ", \"values\": [1, 2, 3", TRUNCATED);

    assertThat(rejection.valueIndex()).isEqualTo(3);
  }

  @Test
  void everyPrefixOfAValidDocumentIsTruncated() throws IOException {
    byte[] document = ReadingJson.of("{\"values\": [12, -345, 6], " + DT + "}");
    assertThat(parser.parse(document)).isInstanceOf(Reading.class);

    for (int length = 0; length < document.length; length++) {
      byte[] prefix = Arrays.copyOf(document, length);
      assertThat(reason(parser.parse(prefix))).as("first %d bytes", length).isEqualTo(TRUNCATED);
      assertThat(reason(parser.parse(new ReadingParserTest.TrickleInputStream(prefix, 5))))
          .as("first %d bytes, streamed", length)
          .isEqualTo(TRUNCATED);
    }
  }

  @Test
  void cutInsideALiteralIsTruncatedButAWrongLiteralIsNotJson() {
    rejected("{" + DT + ", \"values\": [1, tr", TRUNCATED);
    rejected("{\"datetime\": nu", TRUNCATED);
    rejected("{" + DT + ", \"values\": [1, 2.", TRUNCATED);
    rejected("{" + DT + ", \"values\": [1, 2.5e+", TRUNCATED);
    rejected("{" + DT + ", \"values\": [1, tr]}", NOT_JSON);
    rejected("{" + DT + ", \"values\": [1, 2,]}", NOT_JSON);
    rejected("{" + DT + ", \"values\": [1, 2 x", NOT_JSON);
  }

  @Test
  void emptyBodyIsTruncated() {
    rejected("", TRUNCATED);
    rejected(" \n ", TRUNCATED);
  }

  @Test
  void notJson() {
    rejected("<html><body>502 Bad Gateway</body></html>", NOT_JSON);
    rejected("Internal Server Error", NOT_JSON);
    rejected("{datetime: \"2020-01-27T07:07:27\", \"values\": [1]}", NOT_JSON);
    assertThat(rejected("{" + DT + ", \"values\": [1, 2,, 3]}", NOT_JSON).detail()).contains("line 1");
  }

  @Test
  void notAnObject() {
    rejected("[1, 2, 3]", NOT_AN_OBJECT);
    rejected("\"2020-01-27T07:07:27\"", NOT_AN_OBJECT);
    rejected("42", NOT_AN_OBJECT);
    rejected("null", NOT_AN_OBJECT);
  }

  @Test
  void missingDatetime() {
    rejected("{\"values\": [1, 2]}", MISSING_DATETIME);
  }

  @Test
  void missingValues() {
    rejected("{" + DT + "}", MISSING_VALUES);
  }

  @Test
  void nullDatetime() {
    rejected("{\"datetime\": null, \"values\": [1]}", NULL_DATETIME);
  }

  @Test
  void nullValues() {
    rejected("{" + DT + ", \"values\": null}", NULL_VALUES);
  }

  @Test
  void datetimeNotAString() {
    rejected("{\"datetime\": 20200127, \"values\": [1]}", DATETIME_NOT_STRING);
    rejected("{\"datetime\": true, \"values\": [1]}", DATETIME_NOT_STRING);
    rejected("{\"datetime\": {\"iso\": \"2020-01-27T07:07:27\"}, \"values\": [1]}", DATETIME_NOT_STRING);
    rejected("{\"datetime\": [\"2020-01-27T07:07:27\"], \"values\": [1]}", DATETIME_NOT_STRING);
  }

  @Test
  void valuesNotAnArray() {
    rejected("{" + DT + ", \"values\": \"1, 2, 3\"}", VALUES_NOT_ARRAY);
    rejected("{" + DT + ", \"values\": 1}", VALUES_NOT_ARRAY);
    rejected("{" + DT + ", \"values\": {\"0\": 1}}", VALUES_NOT_ARRAY);
  }

  @Test
  void elementsThatAreNotIntegers() {
    assertThat(rejected("{" + DT + ", \"values\": [1, 2, \"3\"]}", VALUE_NOT_INTEGER).valueIndex()).isEqualTo(2);
    assertThat(rejected("{" + DT + ", \"values\": [true]}", VALUE_NOT_INTEGER).valueIndex()).isZero();
    assertThat(rejected("{" + DT + ", \"values\": [1, null]}", VALUE_NOT_INTEGER).valueIndex()).isEqualTo(1);
    assertThat(rejected("{" + DT + ", \"values\": [1, [2]]}", VALUE_NOT_INTEGER).valueIndex()).isEqualTo(1);
    assertThat(rejected("{" + DT + ", \"values\": [1, 2, 3, {}]}", VALUE_NOT_INTEGER).valueIndex()).isEqualTo(3);
  }

  @Test
  void fractionalNumbersEvenWhenWhole() {
    assertThat(rejected("{" + DT + ", \"values\": [1, 2.5]}", VALUE_FRACTIONAL).valueIndex()).isEqualTo(1);
    assertThat(rejected("{" + DT + ", \"values\": [1.0]}", VALUE_FRACTIONAL).valueIndex()).isZero();
    assertThat(rejected("{" + DT + ", \"values\": [7, 1e3]}", VALUE_FRACTIONAL).detail()).contains("1e3");
    rejected("{" + DT + ", \"values\": [-0.0]}", VALUE_FRACTIONAL);
  }

  @Test
  void integersOutsideInt64() {
    assertThat(rejected("{" + DT + ", \"values\": [1, 9223372036854775808]}", VALUE_OUT_OF_RANGE).valueIndex())
        .isEqualTo(1);
    rejected("{" + DT + ", \"values\": [-9223372036854775809]}", VALUE_OUT_OF_RANGE);
    rejected("{" + DT + ", \"values\": [123456789012345678901234567890]}", VALUE_OUT_OF_RANGE);
    assertThat(rejected("{" + DT + ", \"values\": [0, 0, " + "9".repeat(5_000) + "]}", VALUE_OUT_OF_RANGE)
        .valueIndex()).isEqualTo(2);
  }

  @Test
  void datetimesThatAreNotIso8601() {
    for (String datetime : new String[] {
        "27/01/2020 07:07", "2020-01-27 07:07:27", "2020-01-27", "07:07:27", "", "2020-02-30T00:00:00",
        "2019-02-29T00:00:00", "2020-01-27T24:00:00", "2020-01-27T07:07:27.1234567890", "2020-01-27T07:07:27+25:00",
        "2020-01-27T07:07:27[Europe/Amsterdam]", "2020-01-27T07:07:27.744489 ", "1580108847", "x".repeat(10_000)}) {
      Rejection rejection = rejected("{\"datetime\": \"" + datetime + "\", \"values\": [1]}", DATETIME_NOT_ISO8601);
      assertThat(rejection.valueIndex()).isEqualTo(-1);
      assertThat(rejection.detail()).hasSizeLessThan(120);
    }
  }

  @Test
  void unexpectedField() {
    assertThat(rejected("{" + DT + ", \"values\": [1], \"unit\": \"W\"}", UNEXPECTED_FIELD).detail()).contains("unit");
    rejected("{\"device\": 7, " + DT + ", \"values\": [1]}", UNEXPECTED_FIELD);
    rejected("{" + DT + ", \"Values\": [1]}", UNEXPECTED_FIELD);
  }

  @Test
  void duplicateField() {
    rejected("{" + DT + ", " + DT + ", \"values\": [1]}", DUPLICATE_FIELD);
    rejected("{" + DT + ", \"values\": [1], \"values\": [2]}", DUPLICATE_FIELD);
  }

  @Test
  void emptyValues() {
    Rejection rejection = rejected("{" + DT + ", \"values\": []}", EMPTY_VALUES);

    assertThat(rejection.valueIndex()).isEqualTo(-1);
  }

  @Test
  void trailingContent() {
    String document = "{" + DT + ", \"values\": [1]}";
    rejected(document + " " + document, TRAILING_CONTENT);
    rejected(document + "]", TRAILING_CONTENT);
    rejected(document + "x", TRAILING_CONTENT);
    rejected(document + " 0", TRAILING_CONTENT);
    assertThat(parser.parse(ReadingJson.of(document + " \n"))).isInstanceOf(Reading.class);
  }

  @Test
  void tooManyValues() {
    ReadingParser small = new ReadingParser(new ReadingLimits(10, 1_000));

    assertThat(small.parse(ReadingJson.of("2020-01-27T07:07:27", new long[10]))).isInstanceOf(Reading.class);
    ParseResult result = small.parse(ReadingJson.of("2020-01-27T07:07:27", new long[11]));
    assertThat(result).isInstanceOf(Rejection.class);
    assertThat(((Rejection) result).reason()).isEqualTo(TOO_LARGE);
    assertThat(((Rejection) result).valueIndex()).isEqualTo(10);
  }

  @Test
  void tooManyBytes() throws IOException {
    ReadingParser small = new ReadingParser(new ReadingLimits(1_000, 100));
    byte[] fits = ReadingJson.of("2020-01-27T07:07:27", 1, 2, 3);
    byte[] over = ReadingJson.of("2020-01-27T07:07:27", ReadingJson.sensorValues(30, 3));
    assertThat(fits.length).isLessThanOrEqualTo(100);
    assertThat(over.length).isGreaterThan(100);

    assertThat(small.parse(fits)).isInstanceOf(Reading.class);
    assertThat(reason(small.parse(over))).isEqualTo(TOO_LARGE);
    assertThat(reason(small.parse(new ByteArrayInputStream(over)))).isEqualTo(TOO_LARGE);
    assertThat(small.parse(new ByteArrayInputStream(fits))).isInstanceOf(Reading.class);
  }

  @Test
  void aStreamThatNeverEndsIsCutOffAtTheByteLimit() throws IOException {
    ReadingParser small = new ReadingParser(new ReadingLimits(1_000_000, 64 * 1024));
    var endless = new java.io.InputStream() {
      private final byte[] prefix = ReadingJson.of("{" + DT + ", \"values\": [");
      private long position;

      @Override
      public int read() {
        return position < prefix.length ? prefix[(int) position++] : (position++ % 2 == 0 ? '1' : ',');
      }
    };

    assertThat(reason(small.parse(endless))).isEqualTo(TOO_LARGE);
  }

  private Rejection rejected(String json, RejectReason expected) {
    ParseResult result = parser.parse(ReadingJson.of(json));
    assertThat(result).as(json).isInstanceOf(Rejection.class);
    Rejection rejection = (Rejection) result;
    assertThat(rejection.reason()).as("%s: %s", json, rejection.detail()).isEqualTo(expected);
    assertThat(rejection.detail()).isNotBlank();
    return rejection;
  }

  private static RejectReason reason(ParseResult result) {
    assertThat(result).isInstanceOf(Rejection.class);
    return ((Rejection) result).reason();
  }
}
