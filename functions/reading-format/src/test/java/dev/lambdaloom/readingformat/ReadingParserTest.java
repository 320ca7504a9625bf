package dev.lambdaloom.readingformat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ReadingParserTest {
  private final ReadingParser parser = new ReadingParser();

  @Test
  void parsesTheApiDocument() {
    ParseResult result = parser.parse(ReadingJson.of(
        "{\"datetime\": \"2020-01-27T07:07:27.744489\", \"values\": [2210, 13260, 26837, 30913, 46491, 95062, 4152]}"));

    assertThat(result).isEqualTo(
        new Reading("2020-01-27T07:07:27.744489", new long[] {2210, 13260, 26837, 30913, 46491, 95062, 4152}));
  }

  @Test
  void acceptsFieldsInEitherOrder() {
    assertThat(parser.parse(ReadingJson.of("{\"values\":[1,2],\"datetime\":\"2020-01-27T07:07:27\"}")))
        .isEqualTo(new Reading("2020-01-27T07:07:27", new long[] {1, 2}));
  }

  @Test
  void acceptsAnyJsonWhitespace() {
    String spaced = " \r\n\t{ \r\n\t\"datetime\" \t:\r\n \"2020-01-27T07:07:27\" ,\n\n\"values\"\t:\t[\n 1 ,\r\n2\t, 3 ] \n}\r\n\t ";
    String tight = "{\"datetime\":\"2020-01-27T07:07:27\",\"values\":[1,2,3]}";

    Reading expected = new Reading("2020-01-27T07:07:27", new long[] {1, 2, 3});
    assertThat(parser.parse(ReadingJson.of(spaced))).isEqualTo(expected);
    assertThat(parser.parse(ReadingJson.of(tight))).isEqualTo(expected);
  }

  @Test
  void keepsTheWholeInt64Range() {
    long[] values = {Long.MIN_VALUE, -9_000_000_000L, -1, 0, 1, 2_147_483_648L, Long.MAX_VALUE};

    ParseResult result = parser.parse(ReadingJson.of("2020-01-27T07:07:27", values));

    assertThat(result).isInstanceOf(Reading.class);
    assertThat(((Reading) result).values()).containsExactly(values);
  }

  @Test
  void negativeZeroIsZero() {
    assertThat(parser.parse(ReadingJson.of("{\"datetime\":\"2020-01-27T07:07:27\",\"values\":[-0]}")))
        .isEqualTo(new Reading("2020-01-27T07:07:27", new long[] {0}));
  }

  @Test
  void parsesOneHundredThousandValues() {
    long[] values = ReadingJson.sensorValues(100_000, 42);

    ParseResult result = parser.parse(ReadingJson.of("2020-01-27T07:07:27.744489", values));

    assertThat(result).isEqualTo(new Reading("2020-01-27T07:07:27.744489", values));
  }

  @Test
  void acceptsIsoLocalDateTimesWithOptionalFractionAndOffset() {
    for (String datetime : new String[] {
        "2020-01-27T07:07:27", "2020-01-27T07:07:27.7", "2020-01-27T07:07:27.123456789", "2020-01-27T07:07",
        "2020-01-27T07:07:27Z", "2020-01-27T07:07:27.744489+01:00", "2020-01-27T07:07:27-05:30", "2024-02-29T00:00:00"}) {
      assertThat(parser.parse(ReadingJson.of(datetime, 1))).as(datetime).isInstanceOf(Reading.class);
    }
  }

  @Test
  void parsesASliceOfAnArray() {
    byte[] document = ReadingJson.of("2020-01-27T07:07:27", 5, 6);
    byte[] padded = new byte[document.length + 20];
    Arrays.fill(padded, (byte) 'x');
    System.arraycopy(document, 0, padded, 10, document.length);

    assertThat(parser.parse(padded, 10, document.length))
        .isEqualTo(new Reading("2020-01-27T07:07:27", new long[] {5, 6}));
  }

  @Test
  void streamsGiveTheSameResultsAsArrays() throws IOException {
    long[] values = ReadingJson.sensorValues(20_000, 7);
    byte[] document = ReadingJson.of("2020-01-27T07:07:27.744489", values);

    ParseResult streamed = parser.parse(new TrickleInputStream(document, 7));

    assertThat(streamed).isEqualTo(parser.parse(document));
    assertThat(parser.parse(new TrickleInputStream(ReadingJson.of("{\"datetime\": 1}"), 3)))
        .isEqualTo(parser.parse(ReadingJson.of("{\"datetime\": 1}")));
  }

  @Test
  void leavesTheStreamOpenForItsOwner() throws IOException {
    var stream = new TrickleInputStream(ReadingJson.of("2020-01-27T07:07:27", 1), 1000);

    parser.parse(stream);

    assertThat(stream.closed).isFalse();
  }

  @Test
  void readingsKeepTheirValuesWhenTheBufferIsReused() {
    Reading first = (Reading) parser.parse(ReadingJson.of("2020-01-27T07:07:27", 1, 2, 3));
    parser.parse(ReadingJson.of("2020-01-27T07:07:28", 4, 5, 6, 7));

    assertThat(first.values()).containsExactly(1, 2, 3);
  }

  @Test
  void theValueBufferStopsGrowingOnceWarm() {
    parser.parse(ReadingJson.of("2020-01-27T07:07:27", ReadingJson.sensorValues(100_000, 1)));
    long growthsAfterWarmUp = parser.scratchGrowths();

    for (int i = 0; i < 30; i++) {
      int count = i % 3 == 0 ? 100_000 : 1_000 + i;
      ParseResult result = parser.parse(ReadingJson.of(ReadingJson.datetime(i), ReadingJson.sensorValues(count, i)));
      assertThat(((Reading) result).values()).hasSize(count);
    }

    assertThat(growthsAfterWarmUp).isPositive();
    assertThat(parser.scratchGrowths()).isEqualTo(growthsAfterWarmUp);
    assertThat(parser.scratchBuffersCreated()).isEqualTo(1);
  }

  @Test
  void oneParserServesManyThreads() throws Exception {
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int index = i;
      tasks.add(() -> {
        Reading expected = new Reading(ReadingJson.datetime(index), ReadingJson.sensorValues(500 + index * 10, index));
        return parser.parse(ReadingJson.of(expected.datetime(), expected.values())).equals(expected);
      });
    }

    try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
      for (Future<Boolean> matched : threads.invokeAll(tasks)) {
        assertThat(matched.get()).isTrue();
      }
    }
    assertThat(parser.scratchBuffersCreated()).isBetween(1, 4);
  }

  /** Hands out at most {@code chunk} bytes per read, like a slow network. */
  static final class TrickleInputStream extends InputStream {
    private final ByteArrayInputStream bytes;
    private final int chunk;
    boolean closed;

    TrickleInputStream(byte[] bytes, int chunk) {
      this.bytes = new ByteArrayInputStream(bytes);
      this.chunk = chunk;
    }

    @Override
    public int read() {
      return bytes.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      return bytes.read(buffer, offset, Math.min(length, chunk));
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
